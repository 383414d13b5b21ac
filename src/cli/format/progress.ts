/**
 * Progress on stderr: a redrawn line on a TTY, nothing otherwise (logs and CI stay clean).
 * @module
 */
import type { FleetProgress } from '../../app/audit-service.js';

export interface ProgressReporter {
  update(progress: FleetProgress): void;
  done(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown }): ProgressReporter {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const t = Date.now();
      if (t - last < 100) return; // redraw at most 10 times a second
      last = t;
      drawn = true;
      const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[Math.floor(t / 100) % 10];
      stream.write(
        `\r${spinner} ${p.jobs.toLocaleString('en-US')} jobs · ${p.fail} fail · ${p.unknown} unknown · ${p.regionsDone}/${p.regions} regions\x1b[K`,
      );
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
