import type { Database, Transaction } from 'better-sqlite3';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes handed in during one turn of the event loop (the requests Node read from their
 * sockets in one poll phase) commit in one SQLite transaction, each in its own savepoint. A commit writes
 * every B-tree page its transaction touched to the WAL; cases created together share most of theirs (the
 * tables' last pages, the lanes and indexes of one team), so under a burst a case costs about half the pages
 * and half the commit time (measured with 10 per group: 250 against 500 µs of commit per case). A write that
 * fails rolls back its own savepoint and rejects alone; a commit that fails rejects every write of the group.
 * Each promise settles after the commit, so a caller that awaits it reads its write, and nothing is
 * answered before it is durable. A lone write waits for one `setImmediate`.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  /** Made once: better-sqlite3 builds four wrappers for every `db.transaction` call. */
  private readonly inSavepoint: Transaction<(work: () => unknown) => unknown>;
  private readonly commitAll: Transaction<(group: readonly Waiting[], outcomes: Outcome[]) => void>;

  constructor(db: Database) {
    this.inSavepoint = db.transaction((work: () => unknown) => work());
    this.commitAll = db.transaction((group: readonly Waiting[], outcomes: Outcome[]) => {
      for (const { work } of group) {
        try {
          outcomes.push({ ok: true, value: this.inSavepoint(work) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  /** Runs `work` in its own savepoint of the next group; resolves with its result once committed. */
  run<R>(work: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ work, resolve: (value) => resolve(value as R), reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what waits now (the store does so before it closes). */
  flush(): void {
    const group = this.waiting;
    if (group.length === 0) return;
    this.waiting = [];
    const outcomes: Outcome[] = [];
    try {
      this.commitAll.immediate(group, outcomes);
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) w.reject(new Error('group commit: a write of the group has no outcome'));
      else if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}
