/**
 * Fleet-audit benchmark (`npm run bench`): ours against the peer approach at 1k–100k jobs, each run
 * in a fresh child process against the sandbox AWS fake (latency and throttling on), verdicts
 * compared job by job. Prints a table and writes bench/results.json; exits 1 on any verdict
 * mismatch or failed run. `--help` lists the flags. See BENCHMARKS.md for results and method.
 *
 * Approaches: `ours` (the audit service at the product's default SageMaker pace), `ours-matched`
 * (`--max-rps` = the fake's SageMaker limit), `peer` (List + Describe + ListTags per job, 10
 * workers, standard retries with 3 attempts: as configured, it gives up on throttled calls) and
 * `peer-complete` (the same, sending again what was throttled until every job is read — the cost
 * of reaching our answer). Peer runs above `--peer-full-max` jobs audit the newest
 * `--peer-sample` jobs and are extrapolated from their measured rate.
 * @module
 */
import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCommandLine, type FlagSpec, type FlagValue } from './args.js';
import { benchFleet, FAKE_DEFAULTS, FAKE_FLAGS, fakeSettingsFrom, type FleetSettings } from './bench-world.js';
import { checkTargets, formatRatios, formatTable, ratiosFor, type SizeReport } from './fleet-report.js';
import { isPeer, type Approach, type RunResult, type RunSpec } from './fleet-run.js';
import { compareVerdicts, comparisonHolds, createVerdictMap } from './verdict-map.js';

const APPROACHES = ['ours', 'ours-matched', 'peer', 'peer-complete'] as const;

const FLAGS: Record<string, FlagSpec> = {
  sizes: { kind: 'int-list', help: 'fleet sizes (jobs)' },
  approaches: { kind: 'list', help: 'runs per size, in this order', choices: APPROACHES },
  ...FAKE_FLAGS,
  'peer-full-max': { kind: 'int', help: 'largest size the peer runs in full' },
  'peer-sample': { kind: 'int', help: 'peer sample (newest jobs) above --peer-full-max' },
  vpcs: { kind: 'int', help: 'network pool: VPCs' },
  subnets: { kind: 'int', help: 'network pool: subnets' },
  'security-groups': { kind: 'int', help: 'network pool: security groups' },
  seed: { kind: 'string', help: 'fleet seed' },
  'window-size': { kind: 'int', help: 'ours: jobs per EC2 batch (default: the service default)' },
  'approved-network': { kind: 'boolean', help: 'ours: set REMEDIATION_NETWORK (--no-approved-network to skip)' },
  out: { kind: 'string', help: 'results file' },
};

const DEFAULTS: Record<string, FlagValue> = {
  sizes: [1_000, 10_000, 100_000],
  approaches: [...APPROACHES],
  ...FAKE_DEFAULTS,
  'peer-full-max': 10_000,
  'peer-sample': 2_000,
  vpcs: 8,
  subnets: 96,
  'security-groups': 48,
  seed: 'bench-2026-11-29',
  'approved-network': true,
  out: fileURLToPath(new URL('./results.json', import.meta.url)),
};

const CHILD = fileURLToPath(new URL('./fleet-child.ts', import.meta.url));

function runChild(spec: RunSpec): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // The SDK's own switch for its once-per-process Node 20 notice; no other warning is silenced.
    const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    // --expose-gc: the child measures the heap it retains after a full GC (never during the run).
    const child = fork(CHILD, [JSON.stringify(spec)], { env, execArgv: [...process.execArgv, '--expose-gc'] });
    let settled = false;
    child.on('message', (message: { ok: boolean; result?: RunResult; message?: string }) => {
      settled = true;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(message.message ?? 'the run failed'));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`the ${spec.approach} run for ${spec.fleet.jobs} jobs exited with code ${code} before reporting`));
    });
  });
}

async function main(): Promise<number> {
  const commandLine = readCommandLine('tsx bench/fleet.ts', process.argv.slice(2), FLAGS, DEFAULTS);
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const v = commandLine.values;
  const sizes = v.sizes as number[];
  const approaches = v.approaches as Approach[];
  const fake = fakeSettingsFrom(v);
  const now = new Date().toISOString();
  const scratch = await mkdtemp(join(tmpdir(), 'sagemaker-vpc-bench-'));
  const reports: SizeReport[] = [];
  let failed = false;
  console.error(`fleet benchmark: sizes ${sizes.join(', ')}; fake latency ${fake.latencyMs} ms, SageMaker ${fake.sagemaker.rps}/s burst ${fake.sagemaker.burst}, EC2 ${fake.ec2.rps}/s burst ${fake.ec2.burst}`);
  try {
    for (const size of sizes) {
      const fleet: FleetSettings = {
        jobs: size,
        seed: v.seed as string,
        vpcs: v.vpcs as number,
        subnets: v.subnets as number,
        securityGroups: v['security-groups'] as number,
        now,
      };
      const report: SizeReport = { size, runs: {}, vsExpected: {}, peerVsOurs: {} };
      const expected = expectedVerdicts(fleet);
      const verdicts: Partial<Record<Approach, Uint8Array>> = {};
      for (const approach of approaches) {
        const sample = isPeer(approach) && size > (v['peer-full-max'] as number) ? (v['peer-sample'] as number) : undefined;
        const spec: RunSpec = {
          approach,
          fleet,
          fake,
          approvedNetwork: v['approved-network'] as boolean,
          verdictFile: join(scratch, `${approach}-${size}.bin`),
          ...(approach === 'ours-matched' ? { maxRps: fake.sagemaker.rps } : {}),
          ...(v['window-size'] === undefined ? {} : { windowSize: v['window-size'] as number }),
          ...(sample === undefined ? {} : { sample }),
        };
        console.error(`  ${size} jobs: ${approach}${sample ? ` (sample of ${sample})` : ''} …`);
        try {
          const run = await runChild(spec);
          report.runs[approach] = run;
          verdicts[approach] = new Uint8Array(await readFile(spec.verdictFile));
          console.error(`    ${(run.wallMs / 1000).toFixed(1)} s, ${run.sagemakerCalls} SageMaker + ${run.ec2Calls} EC2 calls, ${run.throttled} throttled`);
        } catch (err) {
          failed = true;
          console.error(`    FAILED: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      for (const approach of approaches) {
        const mine = verdicts[approach];
        if (!mine) continue;
        // Every job ours judged must match the fleet's known verdict; a peer sample is checked where it ran.
        report.vsExpected[approach] = compareVerdicts(expected, mine, { requireAll: !isPeer(approach) });
        if (isPeer(approach) && verdicts.ours) report.peerVsOurs[approach] = compareVerdicts(verdicts.ours, mine);
      }
      for (const [approach, c] of [...Object.entries(report.vsExpected), ...Object.entries(report.peerVsOurs)]) {
        // The faithful peer may lose throttled jobs (reported, not a mismatch); everything else must agree.
        const lostIsMismatch = approach !== 'peer';
        if (!comparisonHolds(c) || (lostIsMismatch && c.lostByB > 0)) {
          failed = true;
          console.error(`  VERDICT MISMATCH at ${size} jobs (${approach}): ${JSON.stringify({ ...c, examples: c.examples.slice(0, 5) })}`);
        }
      }
      reports.push(report);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const targets = checkTargets(reports);
  console.log(`\n${formatTable(reports)}\n\nRatios (peer ÷ ours):\n${formatRatios(reports)}\n\nTargets:`);
  for (const t of targets) console.log(`  ${t.met === undefined ? '–' : t.met ? 'MET   ' : 'MISSED'}  ${t.target}: ${t.detail}`);
  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version, platform: `${process.platform} ${process.arch}` };
  const results = {
    date: now,
    command: `tsx bench/fleet.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    fake,
    settings: v,
    sizes: reports.map((r) => ({ ...r, ratios: ratiosFor(r) })),
    targets,
    verdictsIdentical: !failed,
  };
  // bench/slack.ts writes its part (`slack`) into the same file: keep it.
  const previous = await readFile(v.out as string, 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>, (): Record<string, unknown> => ({}));
  await writeFile(v.out as string, `${JSON.stringify({ slack: previous.slack, ...results }, null, 2)}\n`);
  console.log(`\nwrote ${v.out as string}`);
  if (failed) console.error('FAILED: a run failed or verdicts differ (see above)');
  return failed ? 1 : 0;
}

/** The fleet's verdicts by construction (`generateFleet` knows them), as a verdict map. */
function expectedVerdicts(settings: FleetSettings): Uint8Array {
  const fleet = benchFleet(settings);
  const map = createVerdictMap(settings.jobs);
  for (let i = 0; i < settings.jobs; i++) map.set(fleet.jobName(i), fleet.expectedVerdict(i));
  return map.bytes;
}

process.exitCode = await main();
