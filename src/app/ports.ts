import type { Case, NewCase } from '../domain/case/case';
import type { LocalDateTime } from '../domain/calendar/local-date-time';
import type { Reminder, ReminderPlan } from '../domain/reminders/reminder';
import type { StatisticsStore } from './statistics-port';

/** Wall-clock time. `today` is the calendar date in Europe/Stockholm. */
export interface Clock {
  now(): string;
  today(): string;
  /** Stockholm date and `HH:MM` time of an ISO instant (seconds dropped). */
  toLocal(instant: string): LocalDateTime;
  /** The ISO UTC instant at which Stockholm clocks show `local` (DST gaps move forward, repeats take the first). */
  fromLocal(local: LocalDateTime): string;
}

export interface IdSource {
  newId(): string;
}

export interface CreateCaseResult {
  case: Case;
  /** False when a case with the same submission key already existed: nothing new was stored. */
  created: boolean;
}

export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  caseId?: string;
  /** Stable codes only, never personal data. */
  detail?: Record<string, string>;
}

export interface StoredAddress {
  address: DeliveryAddress;
  updatedAt: string;
}

/** Address-book keys: a person's 1:1 chat with the bot, and a school-social team's inbox channel. */
export const personAddressKey = (tenantId: string, userId: string): string => `person:${tenantId}:${userId}`;
export const teamInboxKey = (teamId: string): string => `inbox:${teamId}`;

/**
 * The single source of truth for cases. Implementations: SQLite (default), Cosmos DB, in-memory (tests).
 * Every implementation passes test/contract/case-store.contract.ts.
 */
export interface CaseStore extends StatisticsStore {
  /**
   * Stores a new case once per submission key, assigning its reference (district of the school, year of
   * creation, next running number for that pair) and version 1 atomically.
   */
  createCase(newCase: NewCase, referenceYear: number): Promise<CreateCaseResult>;
  getCase(id: string): Promise<Case | undefined>;
  getCaseByReference(reference: string): Promise<Case | undefined>;
  /** A reporter's own cases, newest first. */
  listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]>;
  /** Replaces a case if its stored version is `expectedVersion`; bumps the version. */
  updateCase(next: Case, expectedVersion: number): Promise<{ ok: true; case: Case } | { ok: false; reason: 'conflict' | 'not_found' }>;
  /**
   * Remembers where proactive messages to a person or a team inbox go. The address is opaque here: only the
   * Teams adapter writes and reads its content. Saving under an existing key replaces it.
   */
  saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void>;
  getAddress(key: string): Promise<StoredAddress | undefined>;
  /**
   * Open cases (new, assigned, handed over) routed to a school-social team, or to a district's fallback
   * contact when `districtCode` is given instead, oldest first.
   */
  listOpenCases(filter: { teamId: string } | { fallbackDistrictCode: string }, limit: number): Promise<Case[]>;
  /** Cases whose handover is at investigation unit `unitId` and not closed, oldest handover first. */
  listOpenHandovers(unitId: string, limit: number): Promise<Case[]>;
  /** Open cases (any state but closed and merged) of one school, oldest first: candidates for duplicates. */
  listOpenCasesAtSchool(schoolId: string, limit: number): Promise<Case[]>;
  /** Stores a delivery record, replacing the one with the same key. */
  saveDelivery(delivery: CaseDelivery): Promise<void>;
  getDelivery(key: string): Promise<CaseDelivery | undefined>;
  /** Every delivery of one case, oldest first: where its card went, so that it can be updated in place. */
  listDeliveriesForCase(caseId: string): Promise<CaseDelivery[]>;
  /** Deliveries that have not reached their inbox (pending, failed, unreachable), oldest first. */
  listUndelivered(limit: number): Promise<CaseDelivery[]>;
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
  /**
   * Reconciles a case's stored reminders with the ones its current state calls for: adds the new ones as
   * pending, updates pending ones whose due time or recipient changed, resolves pending ones not in
   * `planned` (someone acted), and never touches a sent or resolved one. Idempotent.
   */
  replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void>;
  /** Every reminder of a case, whatever its status, soonest due first. */
  listRemindersForCase(caseId: string): Promise<Reminder[]>;
  /**
   * Atomically claims up to `limit` pending reminders due at `now` that nobody holds (never claimed, or the
   * claim's lease ran out: its holder died), soonest due first. Of concurrent claimers exactly one gets each
   * reminder. Work is proportional to the reminders due, not to all cases.
   */
  claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]>;
  /**
   * Snoozes reminder `reminderId` of case `caseId` until `until` (domain/reminders/snooze-reminder.ts): pending
   * again, due no earlier than then, and any claim on it dropped. Undefined when there is no such reminder or
   * it cannot be snoozed; the reminder as stored otherwise.
   */
  snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined>;
  /** Marks a claimed reminder sent or resolved, only if `claim` still holds it; false when it does not. */
  completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean>;
  /** Gives a claimed reminder back as pending, due again at `retryAt`, only if `claim` still holds it. */
  releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter: { caseId?: string; from?: string; to?: string }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/**
 * A sweep's hold on one due reminder until `until` (an ISO instant). `token` is opaque to callers: it is
 * different for every claim, and a store may encode in it where the reminder lives.
 */
export interface ReminderClaim {
  reminderId: string;
  token: string;
  until: string;
}

export interface ClaimedReminder {
  reminder: Reminder;
  claim: ReminderClaim;
}

/**
 * Delivers one reminder about a case to its recipient. Must be idempotent per reminder id (use it as the
 * delivery key): a sweep that died after sending and before recording it sends again after its lease.
 * `retry_later` when it could not deliver now; never throws for a delivery failure.
 */
export interface ReminderSender {
  send(reminder: Reminder, c: Case): Promise<'sent' | 'retry_later'>;
}

export const deliveryPurposes = ['case_card', 'handover_card', 'status', 'question', 'reminder'] as const;
export type DeliveryPurpose = (typeof deliveryPurposes)[number];
export const deliveryStatuses = ['pending', 'delivered', 'unreachable', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * One message the bot sends about a case to one recipient. The key is unique and stable (a retry uses the
 * same key), so a message is never sent twice; `messageId` lets the card be updated in place later.
 */
export interface CaseDelivery {
  key: string;
  caseId: string;
  /** Address-book key of the recipient (`inbox:<team>`, `person:<tenant>:<user>`). */
  recipient: string;
  purpose: DeliveryPurpose;
  status: DeliveryStatus;
  /** Where it went, once known; a personal chat created on first delivery is stored here. */
  address?: DeliveryAddress;
  messageId?: string;
  attempts: number;
  /** The last HTTP status or failure code, for coordinators and operators. */
  lastStatus?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where a notification goes (a team's channel, a person's chat). Opaque to the domain and the use cases:
 * only the adapter named by `transport` reads `value`. Store it as it is and hand it back unchanged.
 */
export interface DeliveryAddress {
  readonly transport: string;
  readonly value: string;
}

/**
 * The end of one delivery attempt sequence. `unreachable` is final until someone acts (the app is not
 * installed for the person, or it was blocked or removed); `failed` is transient and worth a later sweep.
 */
export type DeliveryOutcome =
  | {
      status: 'delivered';
      /** Id of the message in the conversation: needed to update it in place later. */
      messageId: string;
      /** Set when the conversation had to be created (again): store it in place of the old address. */
      newAddress?: DeliveryAddress;
    }
  | { status: 'unreachable' }
  | { status: 'failed'; attempts: number; lastStatus: number | 'no_response' | 'queue_full' | 'abandoned' };

/**
 * Sends messages to inboxes. At most one message per delivery key: a key that was delivered before is
 * answered from the ledger without sending again. Never throws for a delivery failure: it returns one.
 */
export interface Notifier<Message> {
  deliver(address: DeliveryAddress, message: Message, key: string): Promise<DeliveryOutcome>;
  /** Replaces a message delivered earlier (a card refresh). The same key with the same message is safe to repeat. */
  update(address: DeliveryAddress, messageId: string, message: Message, key: string): Promise<DeliveryOutcome>;
}

/** Who a message about a case goes to: a team's inbox channel, or a person's chat with the bot. */
export type Recipient = { kind: 'team_inbox'; teamId: string } | { kind: 'person'; tenantId: string; userId: string };

export const recipientKey = (r: Recipient): string =>
  r.kind === 'team_inbox' ? teamInboxKey(r.teamId) : personAddressKey(r.tenantId, r.userId);

/**
 * What the bot tells people about a case, as intents: the adapter that delivers them renders the card and
 * chooses the words (and the language) for its channel.
 */
export type CaseMessage =
  | { kind: 'case_card'; case: Case }
  | { kind: 'status'; case: Case; status: CaseStatusMessage }
  | { kind: 'question'; case: Case; questionId: string }
  | { kind: 'handover_card'; case: Case }
  | { kind: 'input_request'; case: Case; questionId: string }
  | { kind: 'reminder'; case: Case; reminder: Reminder };

/**
 * Short messages about a case. To the reporter: the process steps of domain/access/reporter-status.ts
 * (`received`, `taken`, `closed`, `merged`) and, to a reporter who made a report of concern, the unit's
 * feedback (`concern_feedback`, L14); never that the case went to social services (OSL 26 kap. 1 §).
 */
export const caseStatusMessages = [
  'received',
  'taken',
  'closed',
  'merged',
  'consent_recorded',
  'concern_feedback',
  'invitation',
] as const;
export type CaseStatusMessage = (typeof caseStatusMessages)[number];

/**
 * Sends case messages to recipients and updates them in place. Never throws for a delivery problem: the
 * outcome says what happened, and the caller records it on the case's delivery.
 */
export interface Messenger {
  /**
   * Sends to the recipient's stored address, or, for a person without one, to a personal chat created on
   * the way (the outcome's `newAddress` is then where it went).
   */
  send(recipient: Recipient, address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome>;
  update(address: DeliveryAddress, messageId: string, message: CaseMessage, key: string): Promise<DeliveryOutcome>;
}

/** Work that runs after a turn has answered (proactive sends), tracked so that shutdown and tests can wait for it. */
export interface BackgroundWork {
  run(name: string, work: () => Promise<void>): void;
}

export interface DeliveredRecord {
  key: string;
  messageId: string;
  at: string;
}

/**
 * Durable record of delivery keys that reached their inbox, so that a retry, a sweep or a restart never
 * sends the same key twice. Implementations: in-memory now; the case store later.
 */
export interface DeliveryLedger {
  find(key: string): Promise<DeliveredRecord | undefined>;
  record(entry: DeliveredRecord): Promise<void>;
}
