/**
 * `check-network`: the preflight from the command line — a pipeline gate before `estimator.fit()`.
 * @module
 */
import type { Command } from '../../app/command-grammar.js';
import type { CliContext } from '../../app/container.js';
import { approvedNetworkRequests, networkCommandRequest, runPreflight, type PreflightRequest } from '../../app/preflight.js';
import { formatJobReport } from '../format/text.js';
import type { CliIo } from '../main.js';
import { exitCodeFor } from './check.js';

export async function runCheckNetwork(command: Extract<Command, { kind: 'check-network' }>, context: CliContext, io: CliIo): Promise<number> {
  let requests: PreflightRequest[];
  if (command.approved) {
    requests = approvedNetworkRequests(context.config.remediationNetwork);
    if (command.region) requests = requests.filter((r) => r.region === command.region);
    if (requests.length === 0) {
      io.stderr.write(
        'error: no approved network to check: set REMEDIATION_NETWORK, e.g. {"123456789012/us-east-1":{"subnets":["subnet-…"],"securityGroups":["sg-…"]}}\n',
      );
      return 2;
    }
  } else {
    const region = command.region ?? context.regions[0];
    if (!region) {
      io.stderr.write('error: no region: pass --region or set AWS_REGION\n');
      return 2;
    }
    requests = [networkCommandRequest(command, region)];
  }
  const document = await runPreflight(context.service, requests);
  const code = exitCodeFor(document.summary);
  if (command.json) {
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return code;
  }
  for (const report of document.jobs) io.stdout.write(`${formatJobReport(report)}\n\n`);
  for (const note of document.notes ?? []) io.stdout.write(`note: ${note}\n`);
  for (const error of document.errors) io.stdout.write(`could not read: ${error.operation} (${error.code}) ${error.message}\n`);
  io.stdout.write(
    code === 0
      ? 'This network passes the control: a job launched with it will be compliant.\n'
      : code === 1
        ? 'This network fails the control: do not launch with it (see the findings above).\n'
        : 'The verdict is unknown: some of the network could not be read (see above).\n',
  );
  return code;
}
