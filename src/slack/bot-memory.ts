/**
 * Small in-process state the bot keeps between requests: each job's last verdict (to say "was
 * FAIL, now PASS"), each user's recent checks and the workspace's last fleet/digest summary (App
 * Home). Bounded; identity is always (account, region, job) (DESIGN.md §6).
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
  let last: LastSummary | undefined;
  return {
    lastVerdict: (key: string) => verdicts.get(key),
    recordCheck(userId: string | undefined, check: RecentCheck) {
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
