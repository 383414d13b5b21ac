#!/usr/bin/env node
/**
 * `npm start`: runs the bot until SIGINT/SIGTERM. Never starts the sandbox (that is `npm run demo`).
 * @module
 */
import { ConfigError } from '../config/load-config.js';
import { startBot } from './bot.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

try {
  const running = await startBot();
  const shutdown = (signal: string) => {
    process.stderr.write(`\n${signal}: stopping sagemaker-vpc…\n`);
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`sagemaker-vpc cannot start.\n${err.message}\n`);
  } else {
    process.stderr.write(`sagemaker-vpc cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
}
