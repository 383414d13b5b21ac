/**
 * `npm run demo` as a person runs it: a child process that starts without credentials or network,
 * says what runs and how to use it, serves the page, and stops cleanly on Ctrl-C (SIGINT) and
 * SIGTERM — or says clearly that its port is taken.
 */
import { createServer, type Server } from 'node:net';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { openEventStream } from '../../src/sandbox/playground/testing/event-stream.js';
import { spawnTsx, type TsxProcess } from '../helpers/run-cli.js';

// The bare environment: no AWS credentials, no Slack tokens, nothing from this machine.
const runDemo = (args: string[], env: Record<string, string> = {}): TsxProcess => spawnTsx(['src/sandbox/demo/main.ts', ...args], env);

async function until(check: () => boolean, timeoutMs: number, what: string, run: TsxProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      run.child.kill('SIGKILL');
      throw new Error(`timed out waiting for ${what}\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function occupiedPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

// Sequential: start-up time is measured, and two sandboxes starting at once on a small machine would skew it.
describe('npm run demo', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('starts in under 20 s without credentials, serves the page and stops cleanly on %s', async (signal) => {
    const started = performance.now();
    const run = runDemo(['--port', '0']);
    await until(() => run.stdout().includes('Press Ctrl-C to stop.'), 20_000, 'the ready banner', run);
    const readyMs = performance.now() - started;
    expect(readyMs).toBeLessThan(20_000);
    const url = /Playground\s+(http:\/\/localhost:\d+\/)/.exec(run.stdout())?.[1];
    expect(url).toBeDefined();
    expect(run.stdout()).toMatch(/Bot\s+http:\/\/127\.0\.0\.1:\d+\/slack\/events\s+\(HTTP mode/);
    expect(run.stdout()).toContain('/sagemaker-vpc check vision-resnet-open-ssh');
    const origin = url!.replace('localhost', '127.0.0.1');
    expect((await fetch(origin)).status).toBe(200);
    // An open page (its event stream) must not keep the process alive.
    const stream = await openEventStream(`${origin}api/events`);
    await stream.next((e) => e.type === 'snapshot');

    // One Ctrl-C can arrive twice at once (the terminal's process group, and npm or tsx forwarding
    // it): still one clean stop.
    run.child.kill(signal);
    run.child.kill(signal);
    expect(await run.exited, `stdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`).toBe(0);
    stream.close();
    expect(run.stdout()).toContain('Stopped.');
    expect(run.stderr()).not.toMatch(/Error|\n\s+at /);
  }, 40_000);

  it('says clearly when its port is taken (PORT from the environment) and exits 1', async () => {
    const { server, port } = await occupiedPort();
    try {
      const run = runDemo([], { PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr()).toContain(`--port ${port + 1}`);
      expect(run.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      server.close();
    }
  }, 40_000);

  it('refuses a port that is not a number', async () => {
    const run = runDemo(['--port', 'http']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--port / PORT must be a number from 0 to 65535, got "http"');
  }, 40_000);
});
