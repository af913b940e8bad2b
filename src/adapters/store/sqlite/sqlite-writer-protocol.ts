import type { SqliteWriter } from './sqlite-writes';

/** The writes a writer thread runs: every SqliteWriter method but `close`, which ends the thread. */
type Ops = Omit<SqliteWriter, 'close'>;
export type WriteOp = keyof Ops;

/**
 * A request from the store to its writer thread. Both ends are this module's code in one process; structured
 * clone carries the data as it was given, so the messages are typed here rather than parsed.
 */
export type WriteRequest = { [K in WriteOp]: { id: number; op: K; args: Parameters<Ops[K]> } }[WriteOp];

/** What the thread receives: writes, and last the request to commit what waits and close. */
export type ThreadRequest = WriteRequest | { id: number; op: 'close' };

/** The answer to request `id`: its value, or the error it threw (name and message only). */
export type WriteReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };

/** What the store tells the thread at start: the file, and the WAL pages after which a commit checkpoints (0: never). */
export interface WriterThreadData {
  filePath: string;
  autoCheckpointPages: number;
}

/** Runs one request on `writes` (the thread's SqliteWrites). */
export function runWrite(writes: SqliteWriter, request: WriteRequest): Promise<unknown> {
  switch (request.op) {
    case 'createCase':
      return writes.createCase(...request.args);
    case 'updateCase':
      return writes.updateCase(...request.args);
    case 'eraseCase':
      return writes.eraseCase(...request.args);
    case 'saveAddress':
      return writes.saveAddress(...request.args);
    case 'saveDelivery':
      return writes.saveDelivery(...request.args);
    case 'appendAudit':
      return writes.appendAudit(...request.args);
    case 'replaceCaseReminders':
      return writes.replaceCaseReminders(...request.args);
    case 'snoozeReminder':
      return writes.snoozeReminder(...request.args);
    case 'claimDueReminders':
      return writes.claimDueReminders(...request.args);
    case 'completeReminder':
      return writes.completeReminder(...request.args);
    case 'releaseReminder':
      return writes.releaseReminder(...request.args);
    case 'enqueue':
      return writes.enqueue(...request.args);
    case 'claimLanes':
      return writes.claimLanes(...request.args);
    case 'takeSendSlot':
      return writes.takeSendSlot(...request.args);
    case 'settle':
      return writes.settle(...request.args);
    case 'retryLater':
      return writes.retryLater(...request.args);
    case 'pauseLane':
      return writes.pauseLane(...request.args);
    case 'releaseLane':
      return writes.releaseLane(...request.args);
    case 'checkpointInCommits':
      return writes.checkpointInCommits(...request.args);
  }
}
