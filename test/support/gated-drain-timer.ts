import { systemDrainTimer } from '../../src/adapters/clock/system-drain-timer';
import type { DrainTimer } from '../../src/app/outbox/outbox-drainer';

/**
 * The machine's drain timer behind a gate: while it is closed, what the outbox's drainers schedule waits; `open()`
 * starts it, with the delays asked for. Tests keep it closed during a burst of submissions, so that the backlog is
 * in the store before any instance drains it and no send is held up behind the turns in flight.
 */
export class GatedDrainTimer implements DrainTimer {
  private held: (() => void)[] | undefined = [];

  now(): number {
    return systemDrainTimer.now();
  }

  schedule(delayMs: number, run: () => void): () => void {
    const held = this.held;
    if (held === undefined) return systemDrainTimer.schedule(delayMs, run);
    let cancel = () => {
      const at = held.indexOf(start);
      if (at >= 0) held.splice(at, 1);
    };
    const start = () => {
      cancel = systemDrainTimer.schedule(delayMs, run);
    };
    held.push(start);
    return () => cancel();
  }

  open(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const start of held) start();
  }
}
