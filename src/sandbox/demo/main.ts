/**
 * `npm run demo`: the sandbox AWS account, the Slack fake, the real bot in HTTP mode and the
 * playground page — all on 127.0.0.1, no credentials, no network. Prints what runs and how to use
 * it; Ctrl-C (SIGINT) or SIGTERM closes every server and exits 0.
 *
 *   npm run demo                      # http://localhost:3000
 *   npm run demo -- --port 3001       # or PORT=3001 npm run demo
 * @module
 */
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
// Types only: the sandbox itself is imported after the arguments and the port were checked, so a
// mistake is reported in a blink instead of after loading the AWS SDK.
import type { Playground } from '../playground/index.js';
import type { Demo } from './start-demo.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const HELP = `Usage: npm run demo [-- --port N]

Starts the sandbox: a seeded AWS account (SageMaker + EC2 fakes), a Slack Web API fake, the real
sagemaker-vpc bot in HTTP mode against both, and the playground page — all on 127.0.0.1, with no
credentials and no network.

Options:
  --port N   port for the playground page (default: $PORT or 3000; 0 picks a free one)
  --help     show this help
`;

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d{1,5}$/.test(raw)) return undefined;
  const port = Number(raw);
  return port <= 65_535 ? port : undefined;
}

const HOST = '127.0.0.1';
const REPEAT_GRACE_MS = 1500;
const STOP_TIMEOUT_MS = 10_000;

/** Whether `port` can be bound on 127.0.0.1 right now: `ok`, or the error code (EADDRINUSE, EACCES…). */
function probePort(port: number): Promise<'ok' | string> {
  if (port === 0) return Promise.resolve('ok');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    probe.listen(port, HOST, () => probe.close(() => resolve('ok')));
  });
}

function portTaken(port: number): string {
  return (
    `demo: port ${port} on ${HOST} is already in use (another demo, or another server?).\n` +
    `      Stop it, or pick another port: npm run demo -- --port ${port + 1}   (or PORT=${port + 1} npm run demo)\n`
  );
}

function banner(demo: Demo, playground: Playground, startedMs: number): string {
  return `
sagemaker-vpc sandbox is running (started in ${(startedMs / 1000).toFixed(1)} s)

  Playground   ${playground.url}   ← open this in a browser
  Bot          ${demo.botUrl}   (HTTP mode: signed slash commands and clicks, like Slack sends them)
  Slack fake   ${demo.slack.url}   (Web API + response_url endpoints)
  AWS fake     ${demo.aws.url}   (SageMaker + EC2, account ${demo.aws.world.accountId}, ${demo.aws.regions.join(', ')})

No credentials and no network: everything listens on 127.0.0.1 and talks only to itself.

Try in the playground's composer:
  /sagemaker-vpc check vision-resnet-open-ssh    → FAIL; "Show remediation"; then "Revoke the open SSH rule"
                                                   in the side panel and "Recheck" → PASS
  /sagemaker-vpc check fraud-detect-no-vpc       → no VpcConfig at all
  /sagemaker-vpc check --all                     → the whole seeded account, with progress
  /sagemaker-vpc help

Press Ctrl-C to stop.
`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const rawPort = values.port ?? process.env['PORT'];
  const port = parsePort(rawPort);
  if (port === undefined) {
    process.stderr.write(`demo: --port / PORT must be a number from 0 to 65535, got ${JSON.stringify(rawPort)}\n`);
    return 2;
  }
  const started = performance.now();
  const probe = await probePort(port);
  if (probe !== 'ok') {
    process.stderr.write(probe === 'EADDRINUSE' ? portTaken(port) : `demo: cannot listen on ${HOST}:${port} (${probe}); try another port with --port\n`);
    return 1;
  }
  process.stdout.write('Starting the sandbox (AWS fake, Slack fake, bot, playground)…\n');
  const [{ startDemo }, { startPlayground, PortInUseError }] = await Promise.all([import('./start-demo.js'), import('../playground/index.js')]);
  const demo = await startDemo();
  let playground: Playground;
  try {
    playground = await startPlayground({ demo, port, host: HOST });
  } catch (error) {
    await demo.close();
    // Taken between the probe and now.
    if (error instanceof PortInUseError) {
      process.stderr.write(portTaken(error.port));
      return 1;
    }
    throw error;
  }
  process.stdout.write(banner(demo, playground, performance.now() - started));

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  process.stdout.write(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping the playground, the bot and the fakes…\n`);
  const stoppingSince = Date.now();
  // One Ctrl-C often arrives more than once (the terminal signals the whole process group, and npm
  // and tsx forward it too), so repeats in the first moments are the same request. A later one, or
  // a shutdown that hangs, exits at once.
  const force = (why: string) => {
    process.stderr.write(`demo: ${why}, exiting now\n`);
    process.exit(130);
  };
  const again = () => {
    if (Date.now() - stoppingSince > REPEAT_GRACE_MS) force('interrupted again');
  };
  process.on('SIGINT', again);
  process.on('SIGTERM', again);
  setTimeout(() => force(`still stopping after ${STOP_TIMEOUT_MS / 1000} s`), STOP_TIMEOUT_MS).unref();
  await Promise.allSettled([playground.close(), demo.close()]);
  process.stdout.write('Stopped.\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: could not start the sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
