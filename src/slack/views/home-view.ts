/**
 * The App Home tab: the workspace's last fleet or digest summary, the viewer's recent checks and
 * how to use the command. Published with `views.publish` (Home clicks carry no response_url).
 * @module
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { USAGE } from '../../app/command-grammar.js';
import type { AuditSummary, Verdict } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { fitView } from '../limits.js';
import {
  compliancePct,
  context,
  divider,
  formatPct,
  header,
  joinWithin,
  parseTime,
  preformatted,
  section,
  slackDate,
  summaryFields,
  VERDICT_EMOJI,
} from './blocks.js';

export interface HomeInput {
  lastSummary?: { source: 'fleet' | 'digest'; scopeText: string; generatedAt: string; summary: AuditSummary };
  recentChecks: Array<{ job: string; region: string; verdict: Verdict; at: Date }>;
  /** Usage lines; the slash command's grammar by default. */
  usage?: readonly string[];
}

const RECENT_MAX = 20;

function summaryBlocks(last: NonNullable<HomeInput['lastSummary']>): KnownBlock[] {
  const pct = compliancePct(last.summary);
  const source = last.source === 'fleet' ? 'Last fleet audit' : 'Last digest';
  return [
    section(`*${source}* — ${formatPct(pct)} compliant`),
    summaryFields(last.summary),
    context(`Scope: ${escapeWithin(last.scopeText, 400)} · ${slackDate(parseTime(last.generatedAt))}`),
  ];
}

export function homeView(input: HomeInput): HomeView {
  const blocks: KnownBlock[] = [header('sagemaker-vpc')];
  blocks.push(...(input.lastSummary ? summaryBlocks(input.lastSummary) : [section('No fleet audit or digest yet. Run `/sagemaker-vpc check --all` to see where you stand.')]));
  blocks.push(divider(), section('*Your recent checks*'));
  const recent = [...input.recentChecks].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, RECENT_MAX);
  if (recent.length === 0) blocks.push(context(`None yet: try ${code('/sagemaker-vpc check <job-name>')}.`));
  else {
    const lines = recent.map((c) => `${VERDICT_EMOJI[c.verdict]} ${code(c.job, 140)} · ${code(c.region, 30)} · ${slackDate(c.at)}`);
    blocks.push(section(joinWithin(lines)));
  }
  blocks.push(divider(), section('*How to use*'), preformatted((input.usage ?? USAGE.slack).join('\n')));
  return fitView({ type: 'home', blocks });
}
