import type { Case, NewCase } from '../../domain/case/case';
import type { AuditEntry } from './audit';
import type { Outgoing } from './outbox';

export interface CreateCaseResult {
  case: Case;
  /** False when a case with the same submission key already existed: nothing new was stored. */
  created: boolean;
}

/**
 * What a new case brings with it, stored by `createCase` together with the case when it creates one, and not at
 * all when the submission key already had a case: in the case's transaction on SQLite and in memory; on Cosmos DB
 * the messages first (gated on version 1, docs/delivery.md), the reminders and audit rows right after the case.
 * One write instead of four is also what keeps a submission cheap under a burst. Plain data, so that a store can
 * hand it to another thread (the SQLite writer).
 */
export interface NewCaseWith extends Outgoing {
  /**
   * `'later'`: the case is put on the list of cases awaiting their reminders (`listCasesAwaitingReminders`) in the
   * same write, and the follow-up planner plans them once requests leave it time (app/follow-up-planner.ts).
   */
  reminders?: 'later';
  /**
   * `'later'`: the messages of the new case's submission (its first cards; `messages` is then empty) are planned
   * after the answer: the case is put on the list of cases awaiting them (`listCasesAwaitingFirstMessages`) in the
   * same write, and the follow-up planner plans them from the case's current state (app/follow-up-planner.ts).
   */
  firstMessages?: 'later';
  /** The new case's audit rows. */
  audit?: readonly AuditEntry[];
}

/** Cases themselves: created once per submission, read, listed for the queues, updated with optimistic concurrency. */
export interface CaseRecords {
  /**
   * Stores a new case once per submission key, assigning its reference (district of the school, year of
   * creation, next running number for that pair) and version 1 atomically. `outgoing`'s messages are enqueued in
   * the outbox with the new case, and its reminders and audit rows written with it (`NewCaseWith`); none of them
   * when the submission key already had a case (docs/delivery.md).
   */
  createCase(newCase: NewCase, referenceYear: number, outgoing?: NewCaseWith): Promise<CreateCaseResult>;
  getCase(id: string): Promise<Case | undefined>;
  getCaseByReference(reference: string): Promise<Case | undefined>;
  /** A reporter's own cases, newest first. */
  listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]>;
  /**
   * Replaces a case if its stored version is `expectedVersion`; bumps the version. `outgoing` is enqueued with
   * the change, and not at all when the update fails.
   */
  updateCase(next: Case, expectedVersion: number, outgoing?: Outgoing): Promise<{ ok: true; case: Case } | { ok: false; reason: 'conflict' | 'not_found' }>;
  /**
   * Open cases (new, assigned, handed over) routed to a school-social team, or to a district's fallback
   * contact when `districtCode` is given instead, oldest first.
   */
  listOpenCases(filter: { teamId: string } | { fallbackDistrictCode: string }, limit: number): Promise<Case[]>;
  /** Cases whose handover is at investigation unit `unitId` and not closed, oldest handover first. */
  listOpenHandovers(unitId: string, limit: number): Promise<Case[]>;
  /** Open cases (any state but closed and merged) of one school, oldest first: candidates for duplicates. */
  listOpenCasesAtSchool(schoolId: string, limit: number): Promise<Case[]>;
  /**
   * Cases created with `firstMessages: 'later'` whose first messages nobody has planned since: their ids, longest
   * waiting first (by the creating write's `at`, then id), at most `limit`.
   */
  listCasesAwaitingFirstMessages(limit: number): Promise<string[]>;
  /**
   * Enqueues a case's first messages (planned after the answer) and takes the case off the list of cases awaiting
   * them, together: on SQLite one transaction; on Cosmos DB the messages first, then the list. Messages already
   * waiting in their slot are replaced, not doubled, so doing it twice sends nothing twice.
   */
  storeFirstMessages(caseId: string, outgoing: Outgoing): Promise<void>;
}

/** Retention: finding the cases whose time is up and erasing them for good. */
export interface CaseRetention {
  /**
   * Cases that ended (closed or merged) before `closedBefore` and are not wholly erased yet (no `erasedAt`),
   * oldest first: the candidates of a retention purge, which decides per owner which parts are due.
   */
  listCasesDueForErasure(filter: { closedBefore: string }, limit: number): Promise<Case[]>;
  /**
   * Replaces a case with its erased form (at least one owner's parts erased: `erasures` or `erasedAt`) if its
   * stored version is `expectedVersion`, and
   * removes the conversation addresses from its delivery records. Afterwards no earlier copy of the erased
   * fields is readable from the store's files or items (SQLite zeroes freed pages and empties its WAL).
   */
  eraseCase(erased: Case, expectedVersion: number): Promise<{ ok: true; case: Case } | { ok: false; reason: 'conflict' | 'not_found' }>;
}
