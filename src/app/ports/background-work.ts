/** Work that runs after a turn has answered (proactive sends), tracked so that shutdown and tests can wait for it. */
export interface BackgroundWork {
  run(name: string, work: () => Promise<void>): void;
}
