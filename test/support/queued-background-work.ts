import type { BackgroundWork } from '../../src/app/ports/background-work';

/** Background work that waits until the test runs it: shows what a use case scheduled, and nothing runs behind the test's back. */
export class QueuedBackgroundWork implements BackgroundWork {
  readonly names: string[] = [];
  private readonly queued: (() => Promise<void>)[] = [];

  run(name: string, work: () => Promise<void>): void {
    this.names.push(name);
    this.queued.push(work);
  }

  /** Runs everything scheduled so far, in order, and what that scheduled in turn. */
  async runAll(): Promise<void> {
    for (let work = this.queued.shift(); work !== undefined; work = this.queued.shift()) await work();
  }
}
