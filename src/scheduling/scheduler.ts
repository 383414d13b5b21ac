/**
 * The digest scheduler: wakes at the next cron tick of any schedule (and at least every
 * `pollMs`, to see schedules another process added and leases that ran out), claims each due
 * tick in the store *before* anything is posted, and hands claimed runs to the runner.
 *
 * Exactly once: the claim is unique per schedule and tick across every process sharing the store;
 * only the latest due tick is ever claimed, so ticks missed while no bot ran produce one catch-up
 * digest, not a burst; a run abandoned by a crash is resumed after its lease runs out (at once
 * after a graceful stop, which hands the lease back).
 * @module
 */
import type { Logger } from '../logging/logger.js';
import type { DigestRun, DigestSchedule, Store } from '../store/index.js';
import type { Clock, TimerHandle } from './clock.js';
import { latestTick, nextTick, ticksBetween } from './cron.js';
import type { DigestRunner, DigestTarget, RunOutcome } from './digest-runner.js';

export interface SchedulerOptions {
  store: Store;
  runner: DigestRunner;
  clock: Clock;
  logger: Logger;
  owner: string;
  leaseMs: number;
  /** Longest sleep between looks at the store. */
  pollMs?: number;
  /** A tick claimed later than this after its time is a catch-up. */
  graceMs?: number;
  retentionDays: number;
  pruneEveryMs?: number;
}

export const scheduleStream = (id: number) => `s:${id}`;
export const channelStream = (channelId: string) => `c:${channelId}`;

export function createDigestScheduler(options: SchedulerOptions) {
  const { store, clock, logger } = options;
  const pollMs = options.pollMs ?? 60_000;
  const graceMs = options.graceMs ?? 5 * 60_000;
  const pruneEveryMs = options.pruneEveryMs ?? 86_400_000;
  const running = new Map<string, Promise<RunOutcome>>();
  const stopController = new AbortController();
  let timer: TimerHandle | undefined;
  let pruneTimer: TimerHandle | undefined;
  let waking: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  let stopped = true;

  const iso = (ms: number) => new Date(ms).toISOString();

  function launch(stream: string, run: DigestRun, target: DigestTarget): Promise<RunOutcome> {
    const promise = options.runner.run(run, target, stopController.signal).finally(() => {
      running.delete(stream);
      // A tick of this stream that came due while it ran was skipped: look again now.
      void wake();
    });
    running.set(stream, promise);
    return promise;
  }

  /** Runs nobody will finish: a crash while posting cannot be retried; manual runs are not resumed. */
  async function settleAbandoned(now: Date, active: Set<number>): Promise<void> {
    for (const run of await store.abandonedRuns(now.toISOString())) {
      if (running.has(run.stream)) continue;
      if (run.status === 'posting') {
        await store.updateRun(run.id, { status: 'unconfirmed', finishedAt: now.toISOString(), lastError: 'the process stopped while posting; not posted again' });
      } else if (run.trigger === 'manual' || run.scheduleId === undefined || !active.has(run.scheduleId)) {
        await store.updateRun(run.id, { status: 'cancelled', finishedAt: now.toISOString(), lastError: 'the bot stopped before this digest was posted' });
      }
    }
  }

  async function claimDue(schedule: DigestSchedule, now: Date): Promise<void> {
    const stream = scheduleStream(schedule.id);
    if (running.has(stream)) return;
    const due = latestTick(schedule.cron, schedule.timezone, now);
    const created = Date.parse(schedule.createdAt);
    if (!due || due.getTime() <= created) return;
    const last = await store.lastTick(stream);
    // A last tick at or after `due` leaves no tick between: ticksBetween counts 0.
    const from = last ? Math.max(created, Date.parse(last)) : created;
    const late = now.getTime() - due.getTime() > graceMs ? 1 : 0;
    const missedTicks = ticksBetween(schedule.cron, schedule.timezone, new Date(from), due) + late;
    const claim = await store.claimTick({
      stream,
      scheduleId: schedule.id,
      channelId: schedule.channelId,
      tick: due.toISOString(),
      trigger: missedTicks > 0 ? 'catch-up' : 'schedule',
      missedTicks,
      owner: options.owner,
      now: now.toISOString(),
      leaseUntil: iso(now.getTime() + options.leaseMs),
    });
    if (claim.outcome === 'taken') return;
    logger.info({ schedule: schedule.id, tick: due.toISOString(), outcome: claim.outcome, missedTicks }, 'digest tick claimed');
    void launch(stream, claim.run, { scheduleId: schedule.id, channelId: schedule.channelId, scope: schedule.scope });
  }

  /**
   * Sleeps until the first tick after `checkedAt` (the time the last look judged), or `pollMs`.
   * Measured from the look's time, not the clock's: a timer can fire a millisecond early, and a
   * tick that fell between that look and now must be looked at at once, not a poll later.
   */
  function arm(schedules: DigestSchedule[], checkedAt: Date): void {
    if (stopped) return;
    const now = clock.now().getTime();
    let at = now + pollMs;
    for (const s of schedules) {
      const next = nextTick(s.cron, s.timezone, checkedAt);
      if (next) at = Math.min(at, next.getTime());
    }
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void wake(), Math.max(0, at - now));
  }

  async function check(): Promise<void> {
    const now = clock.now();
    let schedules: DigestSchedule[] = [];
    try {
      schedules = await store.listSchedules();
      await settleAbandoned(now, new Set(schedules.map((s) => s.id)));
      for (const schedule of schedules) {
        try {
          await claimDue(schedule, now);
        } catch (err) {
          logger.error({ err, schedule: schedule.id }, 'digest schedule check failed');
        }
      }
    } catch (err) {
      logger.error({ err }, 'digest scheduler check failed');
    } finally {
      arm(schedules, now);
    }
  }

  /**
   * Looks for due ticks now. A call while a look is running gets one more look after it (that
   * look may have read the schedules before the caller's change); further calls share that one.
   */
  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!waking) {
      waking = check().finally(() => {
        waking = undefined;
      });
      return waking;
    }
    again ??= waking.then(() => {
      again = undefined;
      return wake();
    });
    return again;
  }

  async function prune(): Promise<void> {
    const before = iso(clock.now().getTime() - options.retentionDays * 86_400_000);
    try {
      const removed = await store.prune(before);
      const pending = await store.discardStalePending(iso(clock.now().getTime() - 10 * 60_000));
      logger.info({ ...removed, pending, before }, 'digest history pruned');
    } catch (err) {
      logger.error({ err }, 'digest history pruning failed');
    }
    if (!stopped) pruneTimer = clock.setTimeout(() => void prune(), pruneEveryMs);
  }

  return {
    async start(): Promise<void> {
      stopped = false;
      await prune();
      await wake();
    },
    wake,
    /** Claims and runs `digest now` for a stream; undefined when one is already running here. */
    async runManual(stream: string, target: DigestTarget): Promise<RunOutcome | undefined> {
      if (running.has(stream)) return undefined;
      const now = clock.now();
      const run = await store.claimManual({ stream, scheduleId: target.scheduleId, channelId: target.channelId, owner: options.owner, now: now.toISOString(), leaseUntil: iso(now.getTime() + options.leaseMs) });
      return launch(stream, run, target);
    },
    /** Waits for every run in flight (tests, shutdown). */
    async idle(): Promise<void> {
      while (running.size > 0 || waking || again) {
        await Promise.allSettled([...running.values(), waking, again]);
      }
    },
    /** Stops timers, hands leases of unfinished audits back, and waits for posts in flight. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      if (pruneTimer !== undefined) clock.clearTimeout(pruneTimer);
      stopController.abort(new Error('the bot is stopping'));
      await Promise.allSettled([...running.values(), waking, again]);
    },
  };
}

export type DigestScheduler = ReturnType<typeof createDigestScheduler>;
