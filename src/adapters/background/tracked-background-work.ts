import type { BackgroundWork } from '../../app/ports/background-work';
import type { Logger } from '../log/logger';

/**
 * Runs work after a turn has answered (Teams waits at most a few seconds for an invoke response), keeps
 * track of it so that shutdown and tests can wait until everything has settled, and logs a failure by its
 * name and error type (never its content). A failure is never thrown into someone's turn.
 */
export class TrackedBackgroundWork implements BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const task: Promise<void> = Promise.resolve()
      .then(work)
      .catch((error: unknown) => {
        this.log.error({ event: 'background.failed', task: name, errorName: error instanceof Error ? error.name : 'unknown' });
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when no background work is running, including work started by work that was running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
