/**
 * The embedded sandbox account (seeded world behind the protocol-faithful AWS fake), as the CLI's
 * `--sandbox`, the demo and tests start it. Never loaded in production.
 * @module
 */
export { SANDBOX_CREDENTIALS, startSandboxAccount } from './aws/index.js';
