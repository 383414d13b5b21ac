#!/usr/bin/env node
/**
 * `sagemaker-vpc` — the CLI (DESIGN.md §5). Parses with the grammar the slash command shares,
 * validates before any AWS call, and maps outcomes to exit codes:
 * 0 every job passes · 1 a job fails · 2 bad input or job not found · 3 unknown or incomplete.
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { parseCommand, USAGE, type Command } from '../app/command-grammar.js';
import { createCliContext, type CliContext } from '../app/container.js';
import { ConfigError, type Env } from '../config/load-config.js';
import { runCheckAll, runCheckJob, runRemediate } from './commands/check.js';
import { runCheckNetwork } from './commands/check-network.js';
import { runDigestDryRun } from './commands/digest.js';
import { runRules } from './commands/rules.js';

export const EXIT = { pass: 0, fail: 1, usage: 2, unknown: 3 } as const;

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Env;
}

function helpText(): string {
  return [
    'sagemaker-vpc — audit SageMaker training jobs for "Ensure VPC settings are configured for SageMaker training jobs"',
    '',
    'Usage:',
    ...USAGE.cli.map((l) => `  ${l}`),
    '',
    'Exit codes: 0 every job passes · 1 at least one job fails · 2 bad input or job not found · 3 no failure but some verdict is unknown or the run could not complete',
    'Environment: AWS_REGION / AUDIT_REGIONS, SAGEMAKER_MAX_RPS (default 5), REMEDIATION_NETWORK, LOG_LEVEL, the standard AWS credential chain.',
  ].join('\n');
}

function needsAws(command: Command): command is Extract<Command, { sandbox: boolean }> {
  return 'sandbox' in command;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, 'cli');
  if (!parsed.ok) {
    io.stderr.write(`error: ${parsed.error}\n\nUsage:\n${USAGE.cli.map((l) => `  ${l}`).join('\n')}\n`);
    return EXIT.usage;
  }
  const command = parsed.command;
  if (command.kind === 'help') {
    io.stdout.write(`${helpText()}\n`);
    return EXIT.pass;
  }
  if (command.kind === 'rules') return runRules(command, io);
  if (!needsAws(command)) {
    io.stderr.write(`error: "${command.kind}" is a Slack command; run it in Slack\n`);
    return EXIT.usage;
  }

  let context: CliContext;
  try {
    context = await createCliContext({ env: io.env, sandbox: command.sandbox, maxRps: command.kind === 'check-all' ? command.maxRps : undefined });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  try {
    switch (command.kind) {
      case 'check-job':
        return await runCheckJob(command, context, io);
      case 'check-all':
        return await runCheckAll(command, context, io);
      case 'remediate':
        return await runRemediate(command, context, io);
      case 'check-network':
        return await runCheckNetwork(command, context, io);
      case 'digest-dry-run':
        return await runDigestDryRun(command, context, io);
    }
  } finally {
    await context.close();
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = EXIT.unknown;
    },
  );
}
