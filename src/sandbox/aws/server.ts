/**
 * The sandbox AWS endpoint: one `node:http` server speaking SageMaker's awsJson1_1 and EC2's
 * ec2Query, so the real SDK v3 clients (pointed at it with `endpoint`) run unchanged. The region
 * comes from the SigV4 credential scope; signatures are not verified, but an unsigned request is
 * refused as AWS refuses it. Latency, throttling and faults are knobs, changeable while it runs.
 *
 * @example
 * const aws = await startSandboxAws({ world: createSandboxWorld() });
 * const sm = new SageMakerClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 });
 * await aws.close();
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { text } from 'node:stream/consumers';
import { handleEc2 } from './ec2-api.js';
import {
  createCounters,
  createFaultInjector,
  createThrottle,
  faultError,
  throttlingError,
  type FaultConfig,
  type OperationCounters,
  type ThrottleConfig,
} from './knobs.js';
import { AwsError, JSON_CONTENT_TYPE, jsonError, jsonResponse, parseSigV4Scope, xmlError, xmlResponse, type ServiceName, type WireResponse } from './protocol.js';
import { createRng } from './rng.js';
import { handleSageMaker } from './sagemaker-api.js';
import type { SandboxWorld } from './world.js';

export interface SandboxAwsOptions {
  world: SandboxWorld;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox never listens beyond the machine. */
  host?: string;
  latencyMs?: number;
  jitterMs?: number;
  throttle?: ThrottleConfig;
  faults?: FaultConfig;
  /** Seeds fault rates and jitter so runs repeat. */
  seed?: number | string;
}

export interface SandboxAws {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Per operation: calls received (authenticated), throttled, faulted. */
  counters(): Record<string, OperationCounters>;
  resetCounters(): void;
  setFaults(faults: FaultConfig | undefined): void;
  setLatency(latency: { latencyMs?: number; jitterMs?: number }): void;
  setThrottle(throttle: ThrottleConfig | undefined): void;
}

interface Call {
  service: ServiceName;
  operation: string;
  sageMakerInput?: Record<string, unknown>;
  ec2Params?: URLSearchParams;
}

/** Which service and operation a request is for, or the error its service answers when unreadable. */
function identify(req: IncomingMessage, body: string): Call | { service: ServiceName; error: AwsError } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('SageMaker.')) {
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return { service: 'sagemaker', error: new AwsError('SerializationException', 'Start of structure or map found where not expected.') };
    }
    return { service: 'sagemaker', operation: target.slice('SageMaker.'.length), sageMakerInput: input as Record<string, unknown> };
  }
  const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const params = new URLSearchParams(req.method === 'GET' ? query : body);
  const action = params.get('Action');
  if (!action) return { service: 'ec2', error: new AwsError('MissingAction', 'The request must contain the parameter Action') };
  return { service: 'ec2', operation: action, ec2Params: params };
}

function errorFor(service: ServiceName, requestId: string, error: AwsError): WireResponse {
  return service === 'sagemaker' ? jsonError(requestId, error) : xmlError(requestId, error);
}

/** What AWS answers an unsigned request: 403, in each protocol's own error shape. */
function missingAuthentication(service: ServiceName, requestId: string): WireResponse {
  if (service === 'ec2') {
    return xmlError(requestId, new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403));
  }
  // SageMaker's front end answers with the code in a header and only a message in the body.
  return {
    status: 403,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': 'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
    },
    body: JSON.stringify({ message: 'Missing Authentication Token' }),
  };
}

export async function startSandboxAws(options: SandboxAwsOptions): Promise<SandboxAws> {
  const { world } = options;
  const host = options.host ?? '127.0.0.1';
  const seed = String(options.seed ?? 'sandbox-aws');
  // Separate streams: turning jitter on does not change which calls a fault rate hits.
  const jitterRng = createRng(`${seed}/latency`);
  const counters = createCounters();
  const throttle = createThrottle(options.throttle, () => performance.now());
  const faults = createFaultInjector(options.faults, createRng(`${seed}/faults`));
  let latency = { latencyMs: options.latencyMs ?? 0, jitterMs: options.jitterMs ?? 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  function delay(): Promise<void> {
    const ms = latency.latencyMs + (latency.jitterMs > 0 ? jitterRng.next() * latency.jitterMs : 0);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function answer(call: Call, region: string, requestId: string): WireResponse | 'hang' {
    counters.call(call.operation);
    if (!throttle.admit(call.service, region)) {
      counters.throttled(call.operation);
      return errorFor(call.service, requestId, throttlingError(call.service));
    }
    const fault = faults.draw(call.operation);
    if (fault) {
      counters.faulted(call.operation);
      if (fault.hang) return 'hang';
      return errorFor(call.service, requestId, faultError(fault, call.service, call.operation, world.accountId));
    }
    try {
      if (call.service === 'sagemaker') {
        return jsonResponse(requestId, handleSageMaker(call.operation, call.sageMakerInput ?? {}, { world, region }));
      }
      return xmlResponse(requestId, handleEc2(call.operation, call.ec2Params ?? new URLSearchParams(), { world, region, requestId }));
    } catch (err) {
      const error = err instanceof AwsError ? err : new AwsError(call.service === 'ec2' ? 'InternalError' : 'InternalFailure', `Sandbox failure: ${String(err)}`, 500);
      return errorFor(call.service, requestId, error);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await text(req);
    const requestId = randomUUID();
    const call = identify(req, body);
    let response: WireResponse | 'hang';
    if ('error' in call) {
      response = errorFor(call.service, requestId, call.error);
    } else {
      const scope = parseSigV4Scope(req.headers.authorization);
      response = scope ? answer(call, scope.region, requestId) : missingAuthentication(call.service, requestId);
    }
    if (response === 'hang') return; // the socket is destroyed on close()
    await delay();
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
    res.end(response.body);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    setFaults: (next) => faults.set(next),
    setLatency(next) {
      latency = { latencyMs: next.latencyMs ?? latency.latencyMs, jitterMs: next.jitterMs ?? latency.jitterMs };
    },
    setThrottle: (next) => throttle.set(next),
  };
}
