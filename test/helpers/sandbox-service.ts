/**
 * The audit service wired to a sandbox AWS fake over real HTTP (real SDK clients, explicit
 * endpoint, dummy credentials) — for end-to-end tests that don't need a child process.
 */
import { pino } from 'pino';
import { createAuditService, type AuditService } from '../../src/app/audit-service.js';
import { createClientCache } from '../../src/app/container.js';
import { createAwsClients, type AwsClients } from '../../src/aws/index.js';

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
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      sagemakerMaxRps: options.maxRps ?? 50,
      maxAttempts: options.maxAttempts ?? 6,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
    options.onClients?.(clients);
    return clients;
  });
  return createAuditService({ regions, clientsFor, logger: pino({ level: 'silent' }) });
}
