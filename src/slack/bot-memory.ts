/**
 * Small in-process state the bot keeps between requests: each job's last verdict (to say "was
 * FAIL, now PASS"), each user's recent checks, the workspace's last fleet/digest summary (App
 * Home) and the AWS account seen in each region (a "not found" answer names it: AWS's own error
 * does not, and the bot's policy has no STS action to ask). Bounded; identity is always
 * (account, region, job) (DESIGN.md §6).
 * @module
 */
import type { AuditSummary, Verdict } from '../audit/model.js';

export interface RecentCheck {
  job: string;
  region: string;
  account: string;
  verdict: Verdict;
  at: Date;
}

export interface LastSummary {
  source: 'fleet' | 'digest';
  scopeText: string;
  generatedAt: string;
  summary: AuditSummary;
}

export const jobKey = (ref: { account: string; region: string; job: string }) => `${ref.account}/${ref.region}/${ref.job}`;

export function createBotMemory({ maxJobs = 5000, perUser = 10 } = {}) {
  const verdicts = new Map<string, Verdict>();
  const recent = new Map<string, RecentCheck[]>();
  const accounts = new Map<string, Set<string>>();
  let last: LastSummary | undefined;
  function noteAccount(region: string, account: string): void {
    if (!/^\d{12}$/.test(account)) return;
    const seen = accounts.get(region) ?? new Set<string>();
    // A handful is plenty: more than one already means "cannot say which".
    if (seen.size < 4) seen.add(account);
    accounts.set(region, seen);
  }
  return {
    lastVerdict: (key: string) => verdicts.get(key),
    noteAccount,
    /** The one account whose jobs were seen in `region`, or undefined when none or several were. */
    accountFor(region: string): string | undefined {
      const seen = accounts.get(region);
      return seen?.size === 1 ? [...seen][0] : undefined;
    },
    recordCheck(userId: string | undefined, check: RecentCheck) {
      noteAccount(check.region, check.account);
      const key = jobKey(check);
      verdicts.delete(key);
      verdicts.set(key, check.verdict);
      if (verdicts.size > maxJobs) verdicts.delete(verdicts.keys().next().value as string);
      if (!userId) return;
      const list = (recent.get(userId) ?? []).filter((c) => jobKey(c) !== key);
      list.unshift(check);
      recent.set(userId, list.slice(0, perUser));
    },
    recentChecks: (userId: string) => recent.get(userId) ?? [],
    setLastSummary(summary: LastSummary) {
      last = summary;
    },
    lastSummary: () => last,
  };
}

export type BotMemory = ReturnType<typeof createBotMemory>;
