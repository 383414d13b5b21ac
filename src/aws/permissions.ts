/**
 * The IAM actions the bot needs: the union of what each collector declares. `iam-policy.json` at the
 * repository root is the least-privilege policy built from it; a test keeps the two equal.
 * @module
 */
import { requiredPermissions as network } from './collectors/network.js';
import { requiredPermissions as trainingJobs } from './collectors/training-jobs.js';

/** Every action the collectors call, sorted, without duplicates. */
export function allPermissions(): string[] {
  return [...new Set<string>([...trainingJobs, ...network])].sort();
}
