import { randomUUID } from 'node:crypto';
import type { CosmosClient, SqlParameter } from '@azure/cosmos';
import type { AuditEntry } from '../../../app/ports/audit';
import type { StockholmTime } from '../../../app/ports/clock';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import type { CaseStore } from '../../../app/ports/case-store';
import type { ClaimedReminder, ReminderClaim } from '../../../app/ports/reminders';
import type { CreateCaseResult, NewCaseWith } from '../../../app/ports/cases';
import type { Outgoing } from '../../../app/ports/outbox';
import type { DeliveryAddress, StoredAddress } from '../../../app/ports/addresses';
import type { Case, NewCase } from '../../../domain/case/case';
import { isErased } from '../../../domain/retention/retention';
import type { Reminder, ReminderPlan } from '../../../domain/reminders/reminder';
import { formatCaseReference } from '../../../domain/case/reference';
import { decideCaseUpdate, toUpdateResult, type UpdateResult } from './case-update';
import { createCosmosCall, type CosmosCall } from './cosmos-call';
import { openCaseContainers, type CaseContainers, type CosmosProvisioning } from './cosmos-containers';
import { CosmosDeliveries } from './cosmos-deliveries';
import { CosmosOutbox, withCosmosOutbox } from './cosmos-outbox';
import { cosmosStatusOf } from './cosmos-failure';
import { CosmosReminders } from './cosmos-reminders';
import { CosmosCasesToPlan } from './cosmos-cases-to-plan';
import {
  addressItem,
  addressItemId,
  auditItem,
  caseCodecOf,
  claimCodec,
  decodeAddressItem,
  decodeAuditItem,
  decodeReferencePointer,
  decodeRunningNumber,
  firstRunningNumberItem,
  referencePointerId,
  referencePointerItem,
  runningNumberId,
  submissionClaimId,
  type SubmissionClaim,
} from './cosmos-items';
import {
  casesByReporterQuery,
  casesDueForErasureQuery,
  openCasesAtSchoolQuery,
  openCasesQuery,
  openHandoversQuery,
  statisticsByDistrictQuery,
  statisticsByUnitQuery,
  type CosmosQuery,
} from './cosmos-queries';
import type { CaseStatisticsRow } from '../../../domain/statistics/case-statistics-row';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../../domain/statistics/statistics-facts';
import { aggregateStatisticsRows } from '../aggregate-statistics-rows';
import { storedStatisticsRowSchema } from '../stored-statistics-row-schema';
import { parseStoredValue } from '../corrupt-row-error';
import { createCosmosRetry, defaultCosmosRetryPolicy, type CosmosRetryPolicy } from './cosmos-retry';
import { readModifyWrite, type ItemCodec, type Versioned } from './read-modify-write';

export interface CosmosCaseStoreOptions {
  /** The store owns the client from here on and disposes it on close. */
  client: CosmosClient;
  databaseId: string;
  provisioning: CosmosProvisioning;
  /** Dates each case's statistics row in Stockholm (the composition root passes its Clock). */
  stockholm: StockholmTime;
  retryPolicy?: CosmosRetryPolicy;
  /**
   * A submission claim whose case never appeared (its writer crashed) is taken over after this long. A writer
   * refuses to commit after half of it, so a slow writer and a taker-over never both commit.
   */
  claimTimeoutMs?: number;
  /** How long a repeated submission waits for the first one to commit before it gives up with an error. */
  claimWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when a repeated submission is still being stored by another request; a later retry finds the case. */
export class SubmissionInProgressError extends Error {
  override readonly name = 'SubmissionInProgressError';
}

const defaultClaimTimeoutMs = 120_000;
const defaultClaimWaitMs = 10_000;

/**
 * CaseStore on Azure Cosmos DB for NoSQL (containers described in cosmos-containers.ts). Cosmos has no
 * transactions across partitions, so creating a case is a sequence of conditional single-item writes whose
 * last step, creating the case item, is the commit: claim the submission key (create-if-absent), take the
 * next running number (atomic patch increment), point the reference at the case (create-if-absent), create
 * the case. Updates replace the case with If-Match on the `_etag` read with the expected version.
 */
export class CosmosCaseStore implements CaseStore {
  private closed = false;
  private readonly deliveries: CosmosDeliveries;
  private readonly reminders: CosmosReminders;
  /** The lists of cases whose reminders, and whose first messages, are planned after the answer. */
  private readonly remindersToPlan: CosmosCasesToPlan;
  private readonly firstMessagesToPlan: CosmosCasesToPlan;
  /** The outbox in the same account (container `outbox`); see withCosmosOutbox for the ordering. */
  readonly outbox: CosmosOutbox;
  private readonly caseCodec: ItemCodec<Case>;

  private constructor(
    private readonly client: CosmosClient,
    private readonly containers: CaseContainers,
    private readonly cosmos: CosmosCall,
    stockholm: StockholmTime,
    private readonly settings: { claimTimeoutMs: number; claimWaitMs: number; now: () => number; sleep: (ms: number) => Promise<void> },
  ) {
    this.caseCodec = caseCodecOf(stockholm);
    this.deliveries = new CosmosDeliveries(cosmos, containers);
    this.reminders = new CosmosReminders(cosmos, containers);
    // A create polls up to claimWaitMs for the submission key, then stores its case within claimTimeoutMs / 2 of
    // winning it or not at all; the other half is room for its round trips.
    const writerGrace = { now: settings.now, writerGraceMs: settings.claimWaitMs + settings.claimTimeoutMs };
    this.remindersToPlan = new CosmosCasesToPlan('reminders_to_plan', cosmos, containers, writerGrace);
    this.firstMessagesToPlan = new CosmosCasesToPlan('first_messages_to_plan', cosmos, containers, writerGrace);
    this.outbox = new CosmosOutbox(cosmos, containers.outbox, (delivery) => this.saveDelivery(delivery));
  }

  /** Connects, creates or verifies database and containers (see `CosmosProvisioning`) and returns the store. */
  static async open(options: CosmosCaseStoreOptions): Promise<CosmosCaseStore> {
    const retry = createCosmosRetry(options.retryPolicy ?? defaultCosmosRetryPolicy, options.sleep);
    try {
      const containers = await openCaseContainers(options.client, options.databaseId, options.provisioning, retry);
      return new CosmosCaseStore(options.client, containers, createCosmosCall(retry), options.stockholm, {
        claimTimeoutMs: options.claimTimeoutMs ?? defaultClaimTimeoutMs,
        claimWaitMs: options.claimWaitMs ?? defaultClaimWaitMs,
        now: options.now ?? Date.now,
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      });
    } catch (error) {
      options.client.dispose();
      throw error;
    }
  }

  /**
   * Cosmos DB has no transaction across containers. With reminders or first messages for later, the case's markers
   * on the lists of cases awaiting them go first, so a process that dies after storing the case still leaves it
   * listed (a repeated submission removes the markers it wrote). Then the messages (gated on version 1), then the
   * case, then its audit rows.
   */
  async createCase(newCase: NewCase, referenceYear: number, outgoing?: NewCaseWith): Promise<CreateCaseResult> {
    const lists = [
      ...(outgoing?.reminders === 'later' ? [this.remindersToPlan] : []),
      ...(outgoing?.firstMessages === 'later' ? [this.firstMessagesToPlan] : []),
    ];
    if (outgoing !== undefined) for (const list of lists) await list.add(newCase.id, outgoing.at);
    const result =
      outgoing === undefined || outgoing.messages.length === 0
        ? await this.createCaseOnce(newCase, referenceYear)
        : // A new case has version 1: its messages wait for it, and a repeated submission takes them back.
          await withCosmosOutbox(this.outbox, outgoing, 1, () => this.createCaseOnce(newCase, referenceYear), (r) => r.created);
    if (!result.created) {
      // The repeat stored no case under its id; if that id is the stored case's, the markers stay for that case.
      if (result.case.id !== newCase.id) for (const list of lists) await list.remove(newCase.id);
      return result;
    }
    for (const entry of outgoing?.audit ?? []) await this.appendAudit(entry);
    return result;
  }

  private async createCaseOnce(newCase: NewCase, referenceYear: number): Promise<CreateCaseResult> {
    const startedAt = this.settings.now();
    for (let round = 0; ; round += 1) {
      const claim = await this.claimSubmission(newCase);
      if (claim.ok) return { case: await this.commitCase(newCase, referenceYear), created: true };
      if ('stopped' in claim && claim.stopped.kind === 'duplicate') return { case: claim.stopped.existing, created: false };
      // The first request for this form has claimed it but not committed yet: give it time.
      if (this.settings.now() - startedAt > this.settings.claimWaitMs) {
        throw new SubmissionInProgressError(
          `Case ${newCase.id}: another request holds the submission key and has not stored its case after ${this.settings.claimWaitMs} ms`,
        );
      }
      await this.settings.sleep(Math.min(500, 10 * 2 ** Math.min(round, 6)));
    }
  }

  async getCase(id: string): Promise<Case | undefined> {
    return (await this.readCase(id))?.value;
  }

  async getCaseByReference(reference: string): Promise<Case | undefined> {
    const { keys } = this.containers;
    const pointerId = referencePointerId(reference);
    const pointer = await this.cosmos('items/read', keys, () => keys.item(pointerId, pointerId).read());
    if (pointer.resource === undefined) return undefined;
    const found = await this.getCase(decodeReferencePointer(pointer.resource).caseId);
    // A pointer without its case is left by a create that stopped before its commit: no case has that reference.
    return found?.reference === reference ? found : undefined;
  }

  async listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]> {
    return this.queryCases(limit, (top) => casesByReporterQuery(tenantId, reporterId, top));
  }

  /** Cross-partition queries on `cases`, each served by a composite index (see cosmos-queries.ts). */
  async listOpenCases(filter: { teamId: string } | { fallbackDistrictCode: string }, limit: number): Promise<Case[]> {
    return this.queryCases(limit, (top) => openCasesQuery(filter, top));
  }

  async listOpenCasesAtSchool(schoolId: string, limit: number): Promise<Case[]> {
    return this.queryCases(limit, (top) => openCasesAtSchoolQuery(schoolId, top));
  }

  async listOpenHandovers(unitId: string, limit: number): Promise<Case[]> {
    return this.queryCases(limit, (top) => openHandoversQuery(unitId, top));
  }

  async updateCase(next: Case, expectedVersion: number, outgoing?: Outgoing): Promise<UpdateResult> {
    if (outgoing === undefined || outgoing.messages.length === 0) return this.replaceCase(next, expectedVersion);
    return withCosmosOutbox(this.outbox, outgoing, expectedVersion + 1, () => this.replaceCase(next, expectedVersion), (r) => r.ok);
  }

  private async replaceCase(next: Case, expectedVersion: number): Promise<UpdateResult> {
    const { cases } = this.containers;
    // After a lost If-Match race the re-read shows the newer version, which is a conflict: two reads suffice.
    const target = { container: cases, id: next.id, partitionKey: next.id };
    return toUpdateResult(await readModifyWrite(this.cosmos, target, this.caseCodec, decideCaseUpdate(next, expectedVersion), 2));
  }

  listCasesAwaitingFirstMessages(limit: number): Promise<string[]> {
    return this.firstMessagesToPlan.list(limit);
  }

  /**
   * The case is stored already, so its first messages are enqueued as for a change already committed (as the
   * reminder sender does), ungated; then the case leaves the list. A process that dies in between leaves it listed,
   * and planning it again replaces what still waits in the same lane and slot (delivered keys are not sent again).
   */
  async storeFirstMessages(caseId: string, outgoing: Outgoing): Promise<void> {
    if (outgoing.messages.length > 0) await this.outbox.enqueue(outgoing.messages, outgoing.at);
    await this.firstMessagesToPlan.remove(caseId);
  }

  async listCasesDueForErasure(filter: { closedBefore: string }, limit: number): Promise<Case[]> {
    return this.queryCases(limit, (top) => casesDueForErasureQuery(filter, top));
  }

  /**
   * Delivery records first, then the case: a crash in between leaves a closed case whose deliveries lost their
   * addresses, and the next purge erases the case. A replace leaves no readable earlier version of an item;
   * the account's backups keep one until they expire (docs/security.md).
   */
  async eraseCase(erased: Case, expectedVersion: number): Promise<UpdateResult> {
    if (!isErased(erased)) throw new Error(`Case ${erased.id}: eraseCase needs an erased case (erasures or erasedAt set)`);
    const current = await this.getCase(erased.id);
    if (current === undefined) return { ok: false, reason: 'not_found' };
    if (current.version !== expectedVersion) return { ok: false, reason: 'conflict' };
    for (const delivery of await this.deliveries.listForCase(erased.id)) {
      if (delivery.address === undefined) continue;
      const { address: _address, ...kept } = delivery;
      await this.deliveries.save(kept);
    }
    return this.updateCase(erased, expectedVersion);
  }

  /** Addresses are small items in `case-keys` (point read and upsert by a key-derived id). */
  async saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void> {
    const { keys } = this.containers;
    await this.cosmos('items/upsert', keys, () => keys.items.upsert(addressItem(key, address, at)));
  }

  async getAddress(key: string): Promise<StoredAddress | undefined> {
    const { keys } = this.containers;
    const id = addressItemId(key);
    const read = await this.cosmos('items/read', keys, () => keys.item(id, id).read());
    return read.resource === undefined ? undefined : decodeAddressItem(read.resource);
  }

  saveDelivery(delivery: CaseDelivery): Promise<void> {
    return this.deliveries.save(delivery);
  }

  getDelivery(key: string): Promise<CaseDelivery | undefined> {
    return this.deliveries.get(key);
  }

  listDeliveriesForCase(caseId: string): Promise<CaseDelivery[]> {
    return this.deliveries.listForCase(caseId);
  }

  listUndelivered(limit: number): Promise<CaseDelivery[]> {
    return this.deliveries.listUndelivered(limit);
  }

  /** Takes the case off the list of cases awaiting their reminders once they are reconciled. */
  async replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    await this.reminders.replace(caseId, planned, at);
    await this.remindersToPlan.remove(caseId);
  }

  listCasesAwaitingReminders(limit: number): Promise<string[]> {
    return this.remindersToPlan.list(limit);
  }

  listRemindersForCase(caseId: string): Promise<Reminder[]> {
    return this.reminders.listForCase(caseId);
  }

  snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    return this.reminders.snooze(caseId, reminderId, until, at);
  }

  claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]> {
    return this.reminders.claimDue(request);
  }

  completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return this.reminders.complete(claim, outcome, at);
  }

  releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return this.reminders.release(claim, retryAt, at);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const { audit } = this.containers;
    const item = auditItem(randomUUID(), entry);
    // Only ever `create`: audit items are never replaced or deleted by this build.
    await this.cosmos('items/create', audit, () => audit.items.create(item));
  }

  async listAudit(filter: { caseId?: string; from?: string; to?: string }): Promise<AuditEntry[]> {
    const { audit } = this.containers;
    const conditions: string[] = [];
    const parameters: SqlParameter[] = [];
    const where = (condition: string, name: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(condition);
      parameters.push({ name, value });
    };
    where('c.caseId = @caseId', '@caseId', filter.caseId);
    where('c.at >= @from', '@from', filter.from);
    where('c.at < @to', '@to', filter.to);
    const query = `SELECT * FROM c${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY c.at ASC`;
    const { resources } = await this.cosmos('executeQuery', audit, () => audit.items.query({ query, parameters }).fetchAll());
    return resources.map(decodeAuditItem);
  }

  /** Two indexed queries for the statistics rows in scope, grouped here: the emulator has no GROUP BY (docs/cosmos.md). */
  async statisticsFacts(query: StatisticsFactsQuery): Promise<StatisticsFacts> {
    const { cases } = this.containers;
    const rowsOf = async ({ spec }: CosmosQuery): Promise<CaseStatisticsRow[]> => {
      const { resources } = await this.cosmos('executeQuery', cases, () => cases.items.query(spec).fetchAll());
      return resources.map((raw) => parseStoredValue('cases', '(statistics row)', raw, storedStatisticsRowSchema));
    };
    const sst = query.districtCodes.length === 0 ? [] : await rowsOf(statisticsByDistrictQuery(query.districtCodes, query.to));
    const units = query.unitIds.length === 0 ? [] : await rowsOf(statisticsByUnitQuery(query.unitIds, query.from, query.to));
    const bySst = aggregateStatisticsRows(sst, { ...query, unitIds: [] });
    const byUnit = aggregateStatisticsRows(units, { ...query, districtCodes: [] });
    return { ...bySst, handoverAcknowledgements: byUnit.handoverAcknowledgements, handoverOutcomes: byUnit.handoverOutcomes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
  }

  private async queryCases(limit: number, queryFor: (top: number) => CosmosQuery): Promise<Case[]> {
    const top = Math.floor(limit);
    if (!(top > 0)) return [];
    const { cases } = this.containers;
    const { spec } = queryFor(top);
    const { resources } = await this.cosmos('executeQuery', cases, () => cases.items.query(spec).fetchAll());
    return resources.map((raw) => this.caseCodec.decode(raw).value);
  }

  private async readCase(id: string): Promise<Versioned<Case> | undefined> {
    const { cases } = this.containers;
    const read = await this.cosmos('items/read', cases, () => cases.item(id, id).read());
    return read.resource === undefined ? undefined : this.caseCodec.decode(read.resource);
  }

  /**
   * Takes the submission key for `newCase`, or says who has it. A claim whose case exists is a duplicate; a
   * claim without a case is pending, unless it is older than the claim timeout: then its writer is gone and we
   * take it over with If-Match, so of several retries exactly one does.
   */
  private async claimSubmission(newCase: NewCase) {
    const { keys } = this.containers;
    const id = submissionClaimId(newCase.submissionKey);
    type Stop = { kind: 'duplicate'; existing: Case } | { kind: 'pending' };
    return readModifyWrite<SubmissionClaim, Stop>(
      this.cosmos,
      { container: keys, id, partitionKey: id },
      claimCodec(id),
      async (current) => {
        if (current === undefined) return { write: { caseId: newCase.id } };
        const existing = await this.getCase(current.value.caseId);
        if (existing !== undefined) return { stop: { kind: 'duplicate', existing } };
        const claimAgeMs = this.settings.now() - current.writtenAtSeconds * 1000;
        return claimAgeMs > this.settings.claimTimeoutMs ? { write: { caseId: newCase.id } } : { stop: { kind: 'pending' } };
      },
      3,
    );
  }

  /** Steps after winning the claim; creating the case item last is what commits the case. */
  private async commitCase(newCase: NewCase, referenceYear: number): Promise<Case> {
    const claimedAt = this.settings.now();
    const district = newCase.routing.schoolDistrictCode;
    const reference = formatCaseReference(district, referenceYear, await this.nextRunningNumber(district, referenceYear));
    const { keys, cases } = this.containers;
    try {
      await this.cosmos('items/create', keys, () => keys.items.create(referencePointerItem(reference, newCase.id)));
    } catch (error) {
      if (cosmosStatusOf(error) !== 409) throw error;
      throw new Error(`Reference ${reference} is already taken: the running number for ${district}/${referenceYear} is behind`, { cause: error });
    }
    if (this.settings.now() - claimedAt > this.settings.claimTimeoutMs / 2) {
      throw new Error(`Case ${newCase.id}: creating took too long; not committing, since another request may take over its submission key`);
    }
    const stored: Case = { ...newCase, reference, version: 1 };
    try {
      const created = await this.cosmos('items/create', cases, () => cases.items.create(this.caseCodec.encode(stored)));
      return this.caseCodec.decode(created.resource).value;
    } catch (error) {
      if (cosmosStatusOf(error) !== 409) throw error;
      throw new Error(`A case with id ${newCase.id} already exists under another submission key`, { cause: error });
    }
  }

  /**
   * The next running number for a district and year. Patch `incr` is atomic on the server, so concurrent
   * creates get distinct numbers in one round trip each, without an If-Match retry loop.
   */
  private async nextRunningNumber(districtCode: string, year: number): Promise<number> {
    const { keys } = this.containers;
    const id = runningNumberId(districtCode, year);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const patched = await this.cosmos('items/replace', keys, () => keys.item(id, id).patch([{ op: 'incr', path: '/last', value: 1 }]));
        return decodeRunningNumber(patched.resource);
      } catch (error) {
        if (cosmosStatusOf(error) !== 404) throw error;
      }
      try {
        await this.cosmos('items/create', keys, () => keys.items.create(firstRunningNumberItem(districtCode, year)));
        return 1;
      } catch (error) {
        // Another request created the counter first: increment it.
        if (cosmosStatusOf(error) !== 409) throw error;
      }
    }
    throw new Error(`The running number for ${districtCode}/${year} vanished between create and increment three times`);
  }
}
