import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: its own connection to the file, a PASSIVE checkpoint every `intervalMs`. A PASSIVE
 * checkpoint copies what it can from the WAL into the database file without waiting for readers or writers,
 * so the main thread's transactions go on while it runs. But a writer starts the WAL over only when a
 * checkpoint has copied every frame, and under steady writes each PASSIVE run ends behind the last commit:
 * the WAL then grows without bound (1.8 GB in 25 s of the submission benchmark, each commit slower as the WAL
 * index grew). Once the WAL is `restartAtPages` long, a RESTART checkpoint holds new writers back for the few
 * frames the PASSIVE run left (50 ms at most), so that the next commit starts the WAL from the beginning.
 * Plain CommonJS: a worker evaluates it as given.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// Only a RESTART waits (PASSIVE never does), and new writers wait while it does: a reader that keeps an old
// snapshot (a backup, another process) must not hold the bot's commits back for long. After 50 ms the RESTART
// gives up (busy).
db.pragma('busy_timeout = 50');
db.pragma('synchronous = NORMAL');
// A RESTART that gave up is not tried again for a second, so that the bot's writers get their turns.
let restartNotBefore = 0;
const timer = setInterval(() => {
  const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
  if (!passive || passive.log < workerData.restartAtPages || Date.now() < restartNotBefore) return;
  const [restart] = db.pragma('wal_checkpoint(RESTART)');
  if (restart && restart.busy) restartNotBefore = Date.now() + 1000;
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a WAL database from a worker thread, so that the main thread never does. SQLite's automatic
 * checkpoint runs inside the commit that fills the WAL past 1,000 pages: that commit copies the pages back and
 * syncs the file, taking 1–25 ms instead of 30 µs, with the event loop blocked (measured: 1 % of commits took
 * two thirds of all commit time). The owner turns automatic checkpoints off on its connection
 * (`wal_autocheckpoint = 0`) and starts this; if the worker fails, `onFailure` turns them back on.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  /** Resolves when the worker has exited, however it ended. */
  private readonly exited: Promise<void>;

  constructor(file: string, schedule: { intervalMs: number; restartAtPages: number }, onFailure: (error: unknown) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(workerSource, { eval: true, workerData: { file, driver, ...schedule } });
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('error', (error) => {
      if (!this.stopped) onFailure(error);
    });
    this.worker.on('exit', (code) => {
      if (!this.stopped) onFailure(new Error(`the checkpoint worker exited with code ${code}`));
    });
    // The worker must not keep a process alive that has nothing else to do.
    this.worker.unref();
  }

  /** Stops checkpointing and closes the worker's connection; resolves once the worker has exited (at once if it already had). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Waited for now: without a reference, a process with nothing else to do would end before the worker did.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
