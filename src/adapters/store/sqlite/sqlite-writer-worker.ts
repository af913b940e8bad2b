import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { openConnection } from './sqlite-connection';
import { runWrite, type ThreadRequest, type WriteReply } from './sqlite-writer-protocol';
import { SqliteWrites } from './sqlite-writes';

/**
 * The writer thread of a SqliteCaseStore (SqliteWriterThread starts it): every write of the store runs here, on
 * this thread's own connection, so that the request thread never waits for SQLite's write lock or a commit.
 */
const port = parentPort;
if (port === null) throw new Error('sqlite-writer-worker runs as a worker thread of SqliteWriterThread');
const { filePath, autoCheckpointPages } = z.object({ filePath: z.string().min(1), autoCheckpointPages: z.number().int().nonnegative() }).parse(workerData);
const db = openConnection(filePath);
db.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
const writes = new SqliteWrites(db);

port.on('message', (request: ThreadRequest) => {
  if (request.op === 'close') {
    // What waits commits now; its answers go out before this one (they were queued in this turn).
    writes.flush();
    setImmediate(() => {
      db.close();
      answer({ id: request.id, ok: true, value: undefined });
      port.close();
    });
    return;
  }
  runWrite(writes, request).then(
    (value) => answer({ id: request.id, ok: true, value }),
    (error: unknown) => answer({ id: request.id, ok: false, error: errorOf(error) }),
  );
});

function answer(reply: WriteReply): void {
  port?.postMessage(reply);
}

function errorOf(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
