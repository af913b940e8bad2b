import type { DrainTimer } from '../../app/outbox/outbox-drainer';
import { runWithoutCorrelation } from '../log/logger';

/**
 * The machine's time for the outbox's pacing, and a timer that does not keep the process alive (the server does).
 * A round runs outside the correlation id of the turn that woke the drainer: it sends for many turns.
 */
export const systemDrainTimer: DrainTimer = {
  now: () => Date.now(),
  schedule: (delayMs, run) => {
    const timer = setTimeout(() => runWithoutCorrelation(run), delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
