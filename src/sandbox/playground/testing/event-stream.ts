/**
 * Test support: reads the playground's Server-Sent Events stream in Node the way the page's
 * EventSource does, keeping every event and the raw text (to search it for secrets), and waits for
 * the event a test expects.
 * @module
 */
import type { PageEvent } from '../page-events.js';

export interface EventStream {
  events: PageEvent[];
  /** Everything received, as sent. */
  raw(): string;
  /** Resolves with the first event (already received or still to come) that matches. */
  next<T extends PageEvent>(match: (event: PageEvent) => event is T, timeoutMs?: number): Promise<T>;
  next(match: (event: PageEvent) => boolean, timeoutMs?: number): Promise<PageEvent>;
  close(): void;
}

export async function openEventStream(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const events: PageEvent[] = [];
  const waiters = new Set<() => void>();
  let raw = '';
  let buffer = '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        raw += value;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) events.push(JSON.parse(data) as PageEvent);
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // Aborted by close(): nothing more will arrive.
    }
  })();

  function next(match: (event: PageEvent) => boolean, timeoutMs = 10_000): Promise<PageEvent> {
    return new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < events.length; seen += 1) {
          const event = events[seen] as PageEvent;
          if (match(event)) {
            cleanup();
            resolve(event);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return {
    events,
    raw: () => raw,
    next: next as EventStream['next'],
    close: () => controller.abort(),
  };
}
