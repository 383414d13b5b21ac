/**
 * Turns a `CollectorError` into the sentence an `unknown` finding shows: what could not be read and
 * which IAM action or resource is missing (DESIGN.md §2: an unknown is never silent).
 * @module
 */
import type { CollectorError, Fact } from './model.js';

/**
 * @param error   what stopped the collector
 * @param subject the thing that could not be read, e.g. `subnet-0a1` or `the route table of subnet-0a1`
 * @param purpose what the reader would judge with it, e.g. `this subnet`
 *
 * @example explainError(denied, 'subnet-0a1', 'this subnet')
 * // 'ec2:DescribeRouteTables was denied for subnet-0a1; grant it to judge this subnet'
 */
export function explainError(error: CollectorError, subject: string, purpose: string): string {
  const operation = error.operation || 'the AWS call';
  switch (error.code) {
    case 'access_denied':
      return `${operation} was denied for ${subject}; grant it to judge ${purpose}`;
    case 'not_found':
      return `${subject} was not found (${operation}); it may have been deleted`;
    case 'throttled':
      return `${operation} was throttled while reading ${subject}; run the check again`;
    case 'timeout':
    case 'unavailable':
      return `${operation} did not answer for ${subject} (${error.code}); run the check again`;
    case 'invalid_input':
      return `${operation} rejected the request for ${subject}: ${error.message}`;
    case 'unknown':
      return `${operation} failed for ${subject}: ${error.message}`;
  }
}

/** The error recorded for a fact the collectors never attempted to read. */
export function notLookedUp(operation: string, resource: string): CollectorError {
  return {
    code: 'unknown',
    operation,
    resource,
    message: 'it is not in the collected network snapshot (it was not looked up)',
  };
}

/** The fact recorded for `id`, or a `notLookedUp` error when the collectors never read it. */
export function readFact<T>(facts: Record<string, Fact<T>>, id: string, operation: string): Fact<T> {
  return facts[id] ?? { ok: false, error: notLookedUp(operation, id) };
}
