import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: its own connection to the file, a PASSIVE checkpoint every `intervalMs`. A PASSIVE
 * checkpoint copies what it can from the WAL into the database file without waiting for readers or writers,
 * so the main thread's transactions go on while it runs. But a writer starts the WAL over only when a
 * checkpoint has copied every frame, and under steady writes each PASSIVE run ends behind the last commit:
 * the WAL then grows without bound (1.8 GB in 25 s of the submission benchmark, each commit slower as the WAL
 * index grew). So once the WAL is `restartAtPages` long, the worker runs PASSIVE again until at most
 * `restartLagPages` frames are left to copy (a few passes at most), and only then a RESTART checkpoint: it
 * takes the write lock, copies those few frames and, if no reader is on the WAL, lets the next commit write
 * the WAL from its start. It never waits (busy timeout 0): when the bot is writing, or a reader is on the WAL
 * (the bot's own reads, a backup's old snapshot), it gives up at once and the worker tries again after its
 * next run.
 *
 * The RESTART still holds the bot's commits back while it copies those frames and syncs the WAL and the
 * database file (3–99 ms under the memory benchmark's load, nearly all of it the two fsyncs; README, "Storage"),
 * and a waiting commit sleeps on SQLite's busy back-off (1, 2, 5, 10, 15 ms …) with the event loop blocked. It
 * used to wait besides, up to its busy timeout (50 ms) for each reader's lock, which the main thread's own reads
 * keep taking, with the write lock held all that time.
 * Plain CommonJS: a worker evaluates it as given.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
db.pragma('synchronous = NORMAL');
const checkpoint = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0];
const timer = setInterval(() => {
  let last = checkpoint('PASSIVE');
  if (!last || last.log < workerData.restartAtPages) return;
  for (let pass = 0; pass < 4 && last.log - last.checkpointed > workerData.restartLagPages; pass += 1) last = checkpoint('PASSIVE');
  if (last.log - last.checkpointed <= workerData.restartLagPages) checkpoint('RESTART');
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Frames a PASSIVE run may leave behind for the RESTART that follows it, which holds the write lock while it copies them. */
const restartLagPages = 64;

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
    this.worker = new Worker(workerSource, { eval: true, workerData: { file, driver, restartLagPages, ...schedule } });
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
