/**
 * SageMaker `Search` expressions for `Resource: TrainingJob`: validation as the service does it
 * (operators per type, 1–20 items per list, at most one `Contains`), a predicate over the job store,
 * and the CreationTime bounds a top-level `And` implies, which narrow the scan to an index range.
 * @module
 */
import type { CreationBounds } from './job-query.js';
import { AwsError } from './protocol.js';
import type { JobStore, JobSummary, TrainingJobRecord } from './training-job-types.js';

export interface SearchFilter {
  Name?: string;
  Operator?: string;
  Value?: string;
}

export interface SearchExpression {
  Filters?: SearchFilter[];
  NestedFilters?: Array<{ NestedPropertyName?: string; Filters?: SearchFilter[] }>;
  SubExpressions?: SearchExpression[];
  Operator?: string;
}

type Predicate = (job: LazyJob) => boolean;

interface LazyJob {
  summary: JobSummary;
  record(): TrainingJobRecord;
}

type Value = string | number | boolean | Date;

const OPERATORS = new Set([
  'Equals', 'NotEquals', 'GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo',
  'Contains', 'Exists', 'NotExists', 'In',
]);
const ORDERING = new Set(['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo']);
const TEXT_ONLY = new Set(['Contains', 'In']);
const TIME_PROPERTIES = new Set(['CreationTime', 'LastModifiedTime', 'TrainingEndTime', 'TrainingStartTime']);

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** Parses a Search time value: ISO 8601 (`2024-01-01T00:00:00`, UTC when no zone) or epoch seconds. */
function parseSearchTime(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone);
  if (Number.isNaN(time)) throw invalid(`Invalid value '${value}' for a timestamp property: use ISO 8601, e.g. 2024-01-01T00:00:00.`);
  return time;
}

function summaryValues(summary: JobSummary, name: string): Value[] | undefined {
  switch (name) {
    case 'TrainingJobName':
      return [summary.name];
    case 'TrainingJobArn':
      return [summary.arn];
    case 'TrainingJobStatus':
      return [summary.status];
    case 'SecondaryStatus':
      return [summary.secondaryStatus];
    case 'CreationTime':
      return [new Date(summary.creationTime)];
    case 'LastModifiedTime':
      return [new Date(summary.lastModifiedTime)];
    case 'TrainingEndTime':
      return summary.trainingEndTime === undefined ? [] : [new Date(summary.trainingEndTime)];
    default:
      return undefined;
  }
}

/** Walks a dotted property path; lists fan out, `Tags.<key>` looks a tag up by key. */
function pathValues(root: unknown, path: readonly string[]): Value[] {
  if (path.length === 0) {
    if (root === undefined || root === null) return [];
    if (Array.isArray(root)) return root.flatMap((item) => pathValues(item, path));
    if (root instanceof Date || ['string', 'number', 'boolean'].includes(typeof root)) return [root as Value];
    return [];
  }
  if (Array.isArray(root)) return root.flatMap((item) => pathValues(item, path));
  if (root === null || typeof root !== 'object') return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === 'Tags' && Array.isArray((root as { Tags?: unknown }).Tags) && rest.length > 0) {
    const tags = (root as TrainingJobRecord).Tags;
    const key = rest.join('.');
    return tags.filter((t) => t.Key === key).map((t) => t.Value);
  }
  return pathValues((root as Record<string, unknown>)[head], rest);
}

function resolve(job: LazyJob, name: string): Value[] {
  return summaryValues(job.summary, name) ?? pathValues(job.record(), name.split('.'));
}

function compileFilter(filter: SearchFilter, relativeTo?: string): (root: LazyJob | unknown) => boolean {
  const name = filter.Name;
  if (!name) throw invalid('Filter.Name is required.');
  const operator = filter.Operator ?? 'Equals';
  if (!OPERATORS.has(operator)) throw invalid(`Value '${operator}' at 'Filter.Operator' failed to satisfy constraint: Member must satisfy enum value set: [${[...OPERATORS].join(', ')}]`);
  const isTime = TIME_PROPERTIES.has(name);
  if (isTime && TEXT_ONLY.has(operator)) throw invalid(`The operator ${operator} is only supported for string properties, not ${name}.`);
  if (operator === 'Exists' || operator === 'NotExists') {
    return (root) => (operator === 'Exists') === valuesOf(root, name, relativeTo).length > 0;
  }
  if (filter.Value === undefined) throw invalid(`Filter '${name}' with operator ${operator} requires a Value.`);
  const raw = filter.Value;
  const target = isTime ? parseSearchTime(raw) : raw;
  const allowed = operator === 'In' ? raw.split(',').map((v) => v.trim()) : [];
  if (ORDERING.has(operator) && !isTime && Number.isNaN(Number(raw))) {
    throw invalid(`The operator ${operator} is not supported for the string property ${name}.`);
  }

  function test(value: Value): boolean {
    const numeric = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : undefined;
    if (ORDERING.has(operator)) {
      const bound = typeof target === 'number' ? target : Number(target);
      if (numeric === undefined) return false;
      if (operator === 'GreaterThan') return numeric > bound;
      if (operator === 'GreaterThanOrEqualTo') return numeric >= bound;
      if (operator === 'LessThan') return numeric < bound;
      return numeric <= bound;
    }
    const text = value instanceof Date ? String(value.getTime()) : String(value);
    const expected = typeof target === 'number' ? String(target) : target;
    if (operator === 'Contains') return text.includes(expected);
    if (operator === 'In') return allowed.includes(text);
    return text === expected; // Equals; NotEquals negates below
  }
  return (root) => {
    const hit = valuesOf(root, name, relativeTo).some(test);
    return operator === 'NotEquals' ? !hit : hit;
  };
}

function valuesOf(root: LazyJob | unknown, name: string, relativeTo?: string): Value[] {
  if (relativeTo === undefined) return resolve(root as LazyJob, name);
  const rest = name.startsWith(`${relativeTo}.`) ? name.slice(relativeTo.length + 1) : name;
  return pathValues(root, rest.split('.'));
}

function checkCount(list: unknown[] | undefined, what: string): void {
  if (list !== undefined && (list.length < 1 || list.length > 20)) {
    throw invalid(`Member '${what}' must have length between 1 and 20, got ${list.length}.`);
  }
}

function compileExpression(expr: SearchExpression, budget: { items: number; contains: number }): Predicate {
  checkCount(expr.Filters, 'Filters');
  checkCount(expr.NestedFilters, 'NestedFilters');
  checkCount(expr.SubExpressions, 'SubExpressions');
  const operator = expr.Operator ?? 'And';
  if (operator !== 'And' && operator !== 'Or') throw invalid(`Value '${operator}' at 'SearchExpression.Operator' must be And or Or.`);
  const clauses: Predicate[] = [];
  for (const filter of expr.Filters ?? []) {
    if (filter.Operator === 'Contains') budget.contains++;
    clauses.push(compileFilter(filter));
  }
  for (const nested of expr.NestedFilters ?? []) {
    const property = nested.NestedPropertyName;
    if (!property || !nested.Filters?.length) throw invalid('NestedFilters need a NestedPropertyName and Filters.');
    const tests = nested.Filters.map((f) => compileFilter(f, property));
    clauses.push((job) => {
      const items = job.record()[property as keyof TrainingJobRecord];
      return Array.isArray(items) && items.some((item: unknown) => tests.every((t) => t(item)));
    });
  }
  for (const sub of expr.SubExpressions ?? []) clauses.push(compileExpression(sub, budget));
  budget.items += clauses.length;
  if (budget.items > 50) throw invalid('A SearchExpression can contain at most 50 filters, nested filters and subexpressions in total.');
  if (budget.contains > 1) throw invalid('A SearchExpression can contain only one Contains operator.');
  if (clauses.length === 0) return () => true;
  return operator === 'And' ? (job) => clauses.every((c) => c(job)) : (job) => clauses.some((c) => c(job));
}

/** CreationTime bounds implied by a top-level And (they narrow the scan; the predicate still applies). */
function creationBounds(expr: SearchExpression): CreationBounds {
  const clauseCount = (expr.Filters?.length ?? 0) + (expr.NestedFilters?.length ?? 0) + (expr.SubExpressions?.length ?? 0);
  if ((expr.Operator ?? 'And') === 'Or' && clauseCount > 1) return {};
  const bounds: CreationBounds = {};
  for (const f of expr.Filters ?? []) {
    if (f.Name !== 'CreationTime' || f.Value === undefined) continue;
    const time = parseSearchTime(f.Value);
    const op = f.Operator ?? 'Equals';
    if (op === 'GreaterThan' || op === 'GreaterThanOrEqualTo' || op === 'Equals') {
      const inclusive = op !== 'GreaterThan';
      if (!bounds.after || time > bounds.after.time) bounds.after = { time, inclusive };
    }
    if (op === 'LessThan' || op === 'LessThanOrEqualTo' || op === 'Equals') {
      const inclusive = op !== 'LessThan';
      if (!bounds.before || time < bounds.before.time) bounds.before = { time, inclusive };
    }
  }
  return bounds;
}

export interface CompiledSearch {
  match?: (index: number, summary: JobSummary) => boolean;
  bounds: CreationBounds;
}

export function compileSearch(store: JobStore, expr: SearchExpression | undefined): CompiledSearch {
  if (!expr) return { bounds: {} };
  const predicate = compileExpression(expr, { items: 0, contains: 0 });
  return {
    bounds: creationBounds(expr),
    match: (index, summary) => {
      let record: TrainingJobRecord | undefined;
      return predicate({ summary, record: () => (record ??= store.get(index)) });
    },
  };
}
