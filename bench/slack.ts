/**
 * Slack-path benchmark (`npm run bench:slack`): the real bot in HTTP mode (`startDemo()`) against
 * the Slack and AWS fakes on 127.0.0.1, the AWS fake with 20 ms latency and throttling on, and a
 * generated fleet behind it so every command checks a different job.
 *
 * 1. Ack latency: rounds of 50 signed `/sagemaker-vpc check <job>` commands sent at once — from a
 *    separate process (slack-sender.ts), as Slack is a separate machine, and once more from inside
 *    the bot's process with `demo.client.sendSlashCommand` (whose own CPU then counts against the
 *    bot). Each round waits for all 50 answers before the next.
 * 2. Single-job checks, one at a time: from the command to the answer at the response_url, the AWS
 *    requests made and how many had to follow one another (request-log.ts) — at the product's
 *    default SageMaker pace and with the pacer out of the way (SAGEMAKER_MAX_RPS=100), because the
 *    pace spaces the check's two SageMaker calls by 200 ms whatever the round trips.
 *
 * Results are printed and merged into bench/results.json under `slack`.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEMO_CHANNEL, startDemo, type Demo } from '../src/sandbox/demo/start-demo.js';
import { signSlackRequest } from '../src/sandbox/slack/index.js';
import { slashCommandBody } from '../src/sandbox/slack/payloads.js';
import { readCommandLine, type FlagSpec, type FlagValue } from './args.js';
import { benchFleet, FAKE_DEFAULTS, FAKE_FLAGS, fakeSettingsFrom } from './bench-world.js';
import { percentile, sequentialRoundTrips, startRequestLog, type RequestLog } from './request-log.js';
import type { SenderAck, SenderBurst } from './slack-sender.js';

const FLAGS: Record<string, FlagSpec> = {
  concurrent: { kind: 'int', help: 'slash commands sent at once' },
  rounds: { kind: 'int', help: 'rounds sent from a separate process' },
  singles: { kind: 'int', help: 'single-job checks per pace, one after another' },
  ...FAKE_FLAGS,
  out: { kind: 'string', help: 'results file (merged under "slack")' },
};

const DEFAULTS: Record<string, FlagValue> = {
  concurrent: 50,
  rounds: 5,
  singles: 5,
  ...FAKE_DEFAULTS,
  out: fileURLToPath(new URL('./results.json', import.meta.url)),
};

const USERS = ['U0ALICE', 'U0BOB'];
const SENDER = fileURLToPath(new URL('./slack-sender.ts', import.meta.url));

interface SingleCheck {
  job: string;
  ackMs: number;
  /** From sending the command to the answer reaching the response_url. */
  answerMs: number;
  awsRequests: number;
  sequentialRoundTrips: number;
  operations: string[];
}

interface AckStats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface Round {
  from: 'separate process' | 'bot process';
  /** `check <job>` (the ack, then an audit in the background) or `help` (the ack alone: Bolt and HTTP). */
  command: 'check' | 'help';
  ack: AckStats;
  statuses: number[];
  /** From sending to the last of the answers posted. */
  allAnsweredMs: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stats(values: number[]): AckStats {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(...values) };
}

/** Resolves with the time (Date.now) of the first POST to the response_url: the posted answer. */
async function answered(demo: Demo, responseUrl: string, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const post = demo.slack.responses(responseUrl)[0];
    if (post) return post.at;
    if (Date.now() > deadline) throw new Error(`no answer at ${responseUrl} within ${timeoutMs} ms`);
    await sleep(2);
  }
}

async function singleCheck(demo: Demo, log: RequestLog, job: string): Promise<SingleCheck> {
  log.reset();
  const sent = Date.now();
  // showAck: false, so the response_url's record holds only what the bot POSTs (the answer).
  const reply = await demo.client.sendSlashCommand({ text: `check ${job}`, userId: USERS[0] as string, channelId: DEMO_CHANNEL, showAck: false });
  if (reply.status !== 200) throw new Error(`check ${job}: HTTP ${reply.status} ${reply.body}`);
  const at = await answered(demo, reply.responseUrl);
  const spans = log.spans().sort((a, b) => a.start - b.start);
  return {
    job,
    ackMs: reply.ackMs,
    answerMs: at - sent,
    awsRequests: spans.length,
    sequentialRoundTrips: sequentialRoundTrips(spans),
    operations: spans.map((s) => s.operation.replace(/^SageMaker\./, '')),
  };
}

/** Signed requests exactly as Slack sends them, with response URLs and trigger ids minted on the fake. */
function signedCommands(demo: Demo, texts: string[]): { burst: SenderBurst; responseUrls: string[] } {
  const responseUrls: string[] = [];
  const requests = texts.map((text, k) => {
    const userId = USERS[k % USERS.length] as string;
    const responseUrl = demo.slack.createResponseUrl({ kind: 'command', channelId: DEMO_CHANNEL, userId, command: '/sagemaker-vpc', text });
    const triggerId = demo.slack.createTriggerId({ userId, channelId: DEMO_CHANNEL });
    responseUrls.push(responseUrl);
    const body = slashCommandBody({
      identity: demo.slack,
      channel: { id: DEMO_CHANNEL, name: 'general' },
      user: { id: userId, name: demo.slack.conversation.user(userId)?.name ?? userId },
      command: '/sagemaker-vpc',
      text,
      responseUrl,
      triggerId,
    });
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest({ signingSecret: demo.signingSecret, body }) } };
  });
  return { burst: { url: demo.botUrl, requests }, responseUrls };
}

function sendFrom(child: ChildProcess, burst: SenderBurst): Promise<SenderAck[]> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ok: boolean; acks?: SenderAck[]; message?: string }) =>
      message.ok && message.acks ? resolve(message.acks) : reject(new Error(message.message ?? 'sender failed')),
    );
    child.send(burst);
  });
}

async function roundFromSender(demo: Demo, sender: ChildProcess, jobs: string[] | number): Promise<Round> {
  const texts = typeof jobs === 'number' ? Array.from({ length: jobs }, () => 'help') : jobs.map((job) => `check ${job}`);
  const { burst, responseUrls } = signedCommands(demo, texts);
  const started = Date.now();
  const acks = await sendFrom(sender, burst);
  // `help` is answered in the ack itself; a check's answer follows at the response_url.
  const answers = typeof jobs === 'number' ? [Date.now()] : await Promise.all(responseUrls.map((url) => answered(demo, url)));
  return {
    from: 'separate process',
    command: typeof jobs === 'number' ? 'help' : 'check',
    ack: stats(acks.map((a) => a.ackMs)),
    statuses: acks.map((a) => a.status),
    allAnsweredMs: Math.max(...answers) - started,
  };
}

async function roundInProcess(demo: Demo, jobs: string[]): Promise<Round> {
  const started = Date.now();
  const replies = await Promise.all(
    jobs.map((job, k) => demo.client.sendSlashCommand({ text: `check ${job}`, userId: USERS[k % USERS.length] as string, channelId: DEMO_CHANNEL, showAck: false })),
  );
  const answers = await Promise.all(replies.map((r) => answered(demo, r.responseUrl)));
  return { from: 'bot process', command: 'check', ack: stats(replies.map((r) => r.ackMs)), statuses: replies.map((r) => r.status), allAnsweredMs: Math.max(...answers) - started };
}

async function main(): Promise<number> {
  const commandLine = readCommandLine('tsx bench/slack.ts', process.argv.slice(2), FLAGS, DEFAULTS);
  if ('exitCode' in commandLine) return commandLine.exitCode;
  // The SDK's own switch for its once-per-process Node 20 notice; no other warning is silenced.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const v = commandLine.values;
  const concurrent = v.concurrent as number;
  const rounds = v.rounds as number;
  const singles = v.singles as number;
  const fake = fakeSettingsFrom(v);
  const jobsNeeded = 2 * (1 + singles) + (rounds + 1) * concurrent;
  const fleet = benchFleet({ jobs: jobsNeeded, seed: 'bench-slack', vpcs: 8, subnets: 96, securityGroups: 48, now: new Date().toISOString() });
  let nextJob = 0;
  const takeJobs = (n: number) => Array.from({ length: n }, () => fleet.jobName(nextJob++));
  const loadBefore = loadavg();
  const aws = { world: fleet.world, latencyMs: fake.latencyMs, throttle: { sagemaker: fake.sagemaker, ec2: fake.ec2 } };

  const singleRuns: Array<{ pace: string; checks: SingleCheck[] }> = [];
  const roundResults: Round[] = [];
  for (const [pace, env] of [
    ['default (SAGEMAKER_MAX_RPS=5)', {}],
    ['unpaced (SAGEMAKER_MAX_RPS=100)', { SAGEMAKER_MAX_RPS: '100' }],
  ] as const) {
    const demo = await startDemo({ aws, env });
    const log = startRequestLog(demo.aws.aws.port);
    try {
      // Warm-up (not measured): the first command loads code paths a running bot has loaded long ago.
      await singleCheck(demo, log, takeJobs(1)[0] as string);
      const checks: SingleCheck[] = [];
      for (const job of takeJobs(singles)) {
        await sleep(1000); // an interactive user: the SageMaker pace has refilled between checks
        checks.push(await singleCheck(demo, log, job));
      }
      singleRuns.push({ pace, checks });
      if (Object.keys(env).length > 0) continue;

      const sender = fork(SENDER, [], { env: { ...process.env } });
      try {
        for (let r = 0; r < rounds; r++) {
          roundResults.push(await roundFromSender(demo, sender, concurrent)); // help: the floor set by Bolt and HTTP
          roundResults.push(await roundFromSender(demo, sender, takeJobs(concurrent)));
        }
      } finally {
        sender.send('exit');
      }
      roundResults.push(await roundInProcess(demo, takeJobs(concurrent)));
    } finally {
      log.stop();
      await demo.close();
    }
  }

  const separate = roundResults.filter((r) => r.from === 'separate process' && r.command === 'check');
  const helpRounds = roundResults.filter((r) => r.command === 'help');
  const medianP99 = percentile(separate.map((r) => r.ack.p99), 50);
  const unpaced = singleRuns.find((s) => s.pace.startsWith('unpaced'))?.checks ?? [];
  const worstTrips = Math.max(...unpaced.map((c) => c.sequentialRoundTrips));
  const failedStatuses = roundResults.flatMap((r) => r.statuses).filter((s) => s !== 200).length;
  const targets = [
    {
      target: `ack p99 < 100 ms with ${concurrent} concurrent commands (median over ${separate.length} rounds from a separate process)`,
      met: medianP99 < 100,
      detail:
        `${medianP99.toFixed(1)} ms (rounds: ${separate.map((r) => r.ack.p99.toFixed(0)).join(', ')} ms; ` +
        `help alone: median p99 ${percentile(helpRounds.map((r) => r.ack.p99), 50).toFixed(1)} ms)`,
    },
    {
      target: 'single-job check ≤ 3 sequential AWS round trips',
      met: worstTrips <= 3,
      detail: `${worstTrips} (checks: ${unpaced.map((c) => c.sequentialRoundTrips).join(', ')})`,
    },
  ];

  for (const { pace, checks } of singleRuns) {
    console.log(`Single-job checks, pace ${pace}, fake latency ${fake.latencyMs} ms:`);
    for (const c of checks) {
      console.log(
        `  ${c.job.padEnd(26)} ack ${c.ackMs.toFixed(1).padStart(5)} ms  answer ${String(c.answerMs).padStart(4)} ms  ` +
          `${c.awsRequests} AWS requests, ${c.sequentialRoundTrips} one after another: ${c.operations.join(' ')}`,
      );
    }
  }
  console.log(`\n${concurrent} slash commands at once (check: distinct jobs; help: the ack alone):`);
  for (const r of roundResults) {
    console.log(
      `  ${r.command.padEnd(5)} from ${r.from.padEnd(16)} ack p50 ${r.ack.p50.toFixed(1).padStart(6)} ms  p95 ${r.ack.p95.toFixed(1).padStart(6)} ms  p99 ${r.ack.p99.toFixed(1).padStart(6)} ms  ` +
        `max ${r.ack.max.toFixed(1).padStart(6)} ms${r.command === 'check' ? `; all answers after ${(r.allAnsweredMs / 1000).toFixed(1)} s` : ''}`,
    );
  }
  const loadAfter = loadavg();
  console.log(`\nload average (1 min) before ${loadBefore[0]?.toFixed(2)}, after ${loadAfter[0]?.toFixed(2)} on ${cpus().length} CPUs`);
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.met ? 'MET   ' : 'MISSED'}  ${t.target}: ${t.detail}`);

  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version, loadBefore, loadAfter };
  const out = v.out as string;
  const previous = await readFile(out, 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>, (): Record<string, unknown> => ({}));
  const slack = { date: new Date().toISOString(), command: `tsx bench/slack.ts ${process.argv.slice(2).join(' ')}`.trim(), machine, fake, singles: singleRuns, rounds: roundResults, targets };
  await writeFile(out, `${JSON.stringify({ ...previous, slack }, null, 2)}\n`);
  console.log(`\nwrote ${out} (slack)`);
  return failedStatuses > 0 ? 1 : 0;
}

process.exitCode = await main();
