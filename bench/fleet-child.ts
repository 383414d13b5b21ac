/**
 * Child-process entry for one fleet benchmark run (see fleet-run.ts): reads the run's spec (JSON)
 * from argv, sends the result back over IPC (or prints it when started by hand).
 * @module
 */
import { runOne, type RunSpec } from './fleet-run.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as RunSpec;
try {
  const result = await runOne(spec);
  if (process.send) process.send({ ok: true, result }, () => process.disconnect());
  else console.log(JSON.stringify(result, null, 2));
} catch (err) {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  if (process.send) process.send({ ok: false, message }, () => process.disconnect());
  else console.error(message);
  process.exitCode = 1;
}
