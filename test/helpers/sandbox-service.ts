/**
 * The audit service wired to a sandbox AWS fake over real HTTP (real SDK clients, explicit
 * endpoint, dummy credentials) — for end-to-end tests that don't need a child process.
 */
import { pino } from 'pino';
import { createAuditService, type AuditService } from '../../src/app/audit-service.js';
import { createClientCache } from '../../src/app/container.js';
import { createAwsClients } from '../../src/aws/index.js';

export function sandboxService(url: string, regions: string[], options: { maxRps?: number; maxAttempts?: number } = {}): AuditService {
  const clientsFor = createClientCache((region) =>
    createAwsClients({
      region,
      endpoint: url,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      sagemakerMaxRps: options.maxRps ?? 50,
      maxAttempts: options.maxAttempts ?? 6,
    }),
  );
  return createAuditService({ regions, clientsFor, logger: pino({ level: 'silent' }) });
}
