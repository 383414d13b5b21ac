/**
 * Test support: judged jobs as the audit service hands them to `onJob`, with all seven findings,
 * and a fake audit service over a mutable set of them (filters by window and status like the
 * collectors do, streams through `onJob`, can report an incomplete listing).
 * @module
 */
import type { AuditService, FleetOutcome, FleetRequest } from '../../app/audit-service.js';
import type { CollectorError, Finding, JobReport, RuleId, Status, TrainingStatus } from '../../audit/model.js';
import { verdictOf } from '../../audit/engine.js';
import { RULE_IDS } from '../../audit/model.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface JobSpec {
  name: string;
  region?: string;
  account?: string;
  /** ISO 8601. */
  created: string;
  status?: TrainingStatus;
  /** Status per rule; unspecified rules pass. */
  rules?: Partial<Record<RuleId, Status>>;
}

export function jobReport(spec: JobSpec): JobReport {
  const findings: Finding[] = RULE_IDS.map((rule) => {
    const status = spec.rules?.[rule] ?? 'pass';
    const message = status === 'unknown' ? `ec2:DescribeRouteTables was denied for ${rule}` : `${rule} is ${status}`;
    return { rule, status, severity: 'high', message, resources: [] };
  });
  return {
    name: spec.name,
    account: spec.account ?? ACCOUNT,
    region: spec.region ?? REGION,
    trainingStatus: spec.status ?? 'Completed',
    creationTime: spec.created,
    verdict: verdictOf(findings),
    vpc: null,
    findings,
    networkAsOf: spec.created,
  };
}

export interface FakeFleet extends Pick<AuditService, 'auditFleet'> {
  jobs: Map<string, JobSpec>;
  set(...specs: JobSpec[]): void;
  remove(name: string): void;
  /** The next audits report these errors and `complete: false`. */
  failListing(error?: CollectorError): void;
  listingWorks(): void;
  requests: FleetRequest[];
  /** Resolves the next audit only when `release()` is called (a run caught mid-audit). */
  hold(): { release(): void; reached: Promise<void> };
}

export function createFakeFleet(now: () => Date): FakeFleet {
  const jobs = new Map<string, JobSpec>();
  const requests: FleetRequest[] = [];
  let listingError: CollectorError | undefined;
  let gate: { promise: Promise<void>; reached: () => void } | undefined;
  return {
    jobs,
    requests,
    set: (...specs) => specs.forEach((s) => jobs.set(s.name, s)),
    remove: (name) => void jobs.delete(name),
    failListing(error = { code: 'throttled', operation: 'sagemaker:Search', message: 'Rate exceeded' }) {
      listingError = error;
    },
    listingWorks() {
      listingError = undefined;
    },
    hold() {
      let release!: () => void;
      let reached!: () => void;
      const reachedPromise = new Promise<void>((r) => (reached = r));
      gate = { promise: new Promise<void>((r) => (release = r)), reached };
      return { release, reached: reachedPromise };
    },
    async auditFleet(request, hooks = {}): Promise<FleetOutcome> {
      requests.push(request);
      if (gate) {
        const current = gate;
        gate = undefined;
        current.reached();
        // A held audit still notices a stop, like the real one between pages.
        await new Promise<void>((resolve) => {
          void current.promise.then(resolve);
          hooks.signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      const summary = { jobs: 0, pass: 0, fail: 0, unknown: 0 };
      for (const spec of jobs.values()) {
        if (hooks.signal?.aborted) break;
        if (request.regions && !request.regions.includes(spec.region ?? REGION)) continue;
        if (request.since && Date.parse(spec.created) < request.since.getTime()) continue;
        if (request.status && (spec.status ?? 'Completed') !== request.status) continue;
        const report = jobReport(spec);
        summary.jobs += 1;
        summary[report.verdict] += 1;
        await hooks.onJob?.(report);
      }
      const errors = listingError ? [listingError] : [];
      return { generatedAt: now().toISOString(), regions: request.regions ?? [REGION], summary, errors, notes: [], complete: !listingError && !hooks.signal?.aborted };
    },
  };
}
