import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { percentile, sequentialRoundTrips, startRequestLog } from './request-log.js';

describe('sequentialRoundTrips', () => {
  it.each`
    case                                         | spans                                                                              | trips
    ${'none'}                                    | ${[]}                                                                              | ${0}
    ${'one'}                                     | ${[[0, 20]]}                                                                       | ${1}
    ${'parallel'}                                | ${[[0, 20], [1, 21], [2, 22]]}                                                     | ${1}
    ${'describe, then tags ∥ EC2, then EC2'}     | ${[[0, 20], [21, 41], [21, 42], [22, 40], [43, 63]]}                               | ${3}
    ${'describe → tags → EC2 → EC2'}             | ${[[0, 20], [21, 41], [42, 62], [63, 83]]}                                         | ${4}
    ${'out of order input'}                      | ${[[63, 83], [0, 20], [42, 62], [21, 41]]}                                         | ${4}
    ${'touching ends count as one after another'} | ${[[0, 20], [20, 40]]}                                                            | ${2}
  `('$case → $trips', ({ spans, trips }: { spans: Array<[number, number]>; trips: number }) => {
    expect(sequentialRoundTrips(spans.map(([start, end]) => ({ start, end })))).toBe(trips);
  });
});

describe('percentile', () => {
  it.each`
    values                         | p     | expected
    ${[5]}                         | ${99} | ${5}
    ${[3, 1, 2]}                   | ${50} | ${2}
    ${[...Array(100).keys()]}      | ${99} | ${98}
    ${[...Array(100).keys()]}      | ${100} | ${99}
    ${[...Array(50).keys()]}       | ${99} | ${49}
  `('p$p of $values.length values', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('startRequestLog', () => {
  it('records the requests of one server only, with their operation', async () => {
    const server = createServer((req, res) => setTimeout(() => res.end('ok'), 5));
    const other = createServer((req, res) => res.end('ok'));
    await Promise.all([new Promise<void>((r) => server.listen(0, '127.0.0.1', r)), new Promise<void>((r) => other.listen(0, '127.0.0.1', r))]);
    const port = (server.address() as { port: number }).port;
    const otherPort = (other.address() as { port: number }).port;
    const log = startRequestLog(port);
    try {
      await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.Search' }, body: '{}' })).text();
      await (await fetch(`http://127.0.0.1:${otherPort}/`)).text();
      await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'Action=DescribeSubnets' })).text();
      const spans = log.spans();
      expect(spans.map((s) => s.operation)).toEqual(['SageMaker.Search', 'ec2']);
      expect(spans.every((s) => s.end - s.start >= 4)).toBe(true);
      expect(sequentialRoundTrips(spans)).toBe(2);
      log.reset();
      expect(log.spans()).toEqual([]);
    } finally {
      log.stop();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
    }
  });
});
