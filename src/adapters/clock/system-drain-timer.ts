import type { DrainTimer } from '../../app/outbox/outbox-drainer';

/** The machine's time for the outbox's pacing, and a timer that does not keep the process alive (the server does). */
export const systemDrainTimer: DrainTimer = {
  now: () => Date.now(),
  schedule: (delayMs, run) => {
    const timer = setTimeout(run, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
