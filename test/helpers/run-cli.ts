/**
 * Runs the repo's TypeScript entry points in a child process (node + tsx, no build needed), the way
 * a pipeline or a person runs them, with a bare environment: nothing from this machine's AWS setup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TsxProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx <args>` in the repo root; `env` adds to (or overrides) the bare environment. */
export function spawnTsx(args: string[], env: Record<string, string | undefined> = {}): TsxProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // No shared config or credentials files from the machine: tests bring their own.
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs `node --import tsx <args>` to its end; fails after `timeoutMs`. */
export async function runTsx(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  const run = spawnTsx(args, env);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    run.child.kill('SIGKILL');
  }, timeoutMs);
  try {
    const code = await run.exited;
    if (timedOut) throw new Error(`timed out: ${args.join(' ')}\n${run.stderr()}`);
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** The real CLI (`src/cli/main.ts`). */
export function runCliProcess(args: string[], env: Record<string, string | undefined> = {}, timeoutMs?: number): Promise<CliResult> {
  return runTsx(['src/cli/main.ts', ...args], env, timeoutMs);
}
