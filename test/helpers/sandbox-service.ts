/**
 * The audit service wired to a sandbox AWS fake over real HTTP (real SDK clients, explicit
 * endpoint, dummy credentials) — for end-to-end tests that don't need a child process.
 */
import { pino } from 'pino';
import { createAuditService, type AuditService } from '../../src/app/audit-service.js';
import type { Verdict } from '../../src/audit/model.js';
import { createClientCache } from '../../src/app/container.js';
import { createAwsClients, type AwsClients } from '../../src/aws/index.js';
import { SANDBOX_CREDENTIALS, type Fleet } from '../../src/sandbox/aws/index.js';

export interface SandboxServiceOptions {
  maxRps?: number;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** Called with each region's clients once they exist (e.g. to add test middleware). */
  onClients?: (clients: AwsClients) => void;
}

export function sandboxService(url: string, regions: string[], options: SandboxServiceOptions = {}): AuditService {
  const clientsFor = createClientCache((region) => {
    const clients = createAwsClients({
      region,
      endpoint: url,
      credentials: SANDBOX_CREDENTIALS,
      sagemakerMaxRps: options.maxRps ?? 50,
      maxAttempts: options.maxAttempts ?? 6,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
    options.onClients?.(clients);
    return clients;
  });
  return createAuditService({ regions, clientsFor, logger: pino({ level: 'silent' }) });
}

/** Every job's verdict from one fleet audit through the sandbox, and whether the audit completed. */
export async function fleetVerdicts(url: string, regions: string[], options: SandboxServiceOptions = {}): Promise<{ map: Map<string, Verdict>; complete: boolean }> {
  const map = new Map<string, Verdict>();
  const outcome = await sandboxService(url, regions, options).auditFleet({}, { onJob: (r) => void map.set(r.name, r.verdict) });
  return { map, complete: outcome.complete };
}

/** The verdict each job of a generated fleet was built to have. */
export function expectedVerdicts(fleet: Fleet): Map<string, Verdict> {
  const map = new Map<string, Verdict>();
  for (let i = 0; i < fleet.size; i++) map.set(fleet.jobName(i), fleet.expectedVerdict(i));
  return map;
}
