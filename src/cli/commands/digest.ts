/**
 * `sagemaker-vpc digest --channel C… --dry-run [--sandbox]`: prints the digest(s) the channel would
 * get now, as text. Compares with the bot's store in `DATA_DIR` when one exists, opened read-only:
 * nothing is posted, nothing is written (no run, no evidence file).
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../app/command-grammar.js';
import type { CliContext } from '../../app/container.js';
import { buildDigest, channelStream, renderDigestText, scheduleStream } from '../../scheduling/index.js';
import { createSqliteStore, STORE_FILE, type DigestScope, type Store } from '../../store/index.js';
import type { CliIo } from '../main.js';
import { exitCodeFor } from './check.js';

type DryRun = Extract<Command, { kind: 'digest-dry-run' }>;

/** Exit codes as for `check --all` (DESIGN.md §5); a fail (1) outranks an unknown (3). */
function worse(a: number, b: number): number {
  return a === 1 || b === 1 ? 1 : Math.max(a, b);
}

function openStore(dataDir: string, io: CliIo): Store | undefined {
  const path = join(dataDir, STORE_FILE);
  if (!existsSync(path)) {
    io.stderr.write(`note: no state store at ${path}: this is what a first digest would say (set DATA_DIR to the bot's)\n`);
    return undefined;
  }
  try {
    return createSqliteStore(path, { readonly: true });
  } catch (err) {
    io.stderr.write(`note: the state store at ${path} cannot be read (${err instanceof Error ? err.message : String(err)}); comparing with nothing\n`);
    return undefined;
  }
}

export async function runDigestDryRun(command: DryRun, context: CliContext, io: CliIo): Promise<number> {
  if (context.regions.length === 0) {
    io.stderr.write('error: no region: set AWS_REGION or AUDIT_REGIONS (the regions the bot audits)\n');
    return 2;
  }
  const store = openStore(io.env.DATA_DIR || './data', io);
  try {
    const schedules = store ? await store.listSchedules({ channelId: command.channel }) : [];
    const targets: Array<{ id: number | string; stream: string; scope: DigestScope }> =
      schedules.length > 0 ? schedules.map((s) => ({ id: s.id, stream: scheduleStream(s.id), scope: s.scope })) : [{ id: 'ad hoc', stream: channelStream(command.channel), scope: {} }];
    if (store && schedules.length === 0) io.stderr.write(`note: ${command.channel} has no digest schedule; showing a one-off digest with the default scope\n`);
    let code = 0;
    for (const target of targets) {
      const baseline = store ? await store.baselineRun(target.stream) : undefined;
      const report = await buildDigest({ service: context.service, scope: target.scope, defaultRegions: context.regions, scheduleId: target.id, now: new Date(), baseline, store });
      io.stdout.write(`Dry run for ${command.channel} (nothing posted, nothing stored)\n${renderDigestText(report)}\n\n`);
      code = worse(code, exitCodeFor(report.summary, report.complete));
    }
    return code;
  } finally {
    await store?.close();
  }
}
