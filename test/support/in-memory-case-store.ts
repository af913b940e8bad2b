import type { AuditEntry } from '../../src/app/ports/audit';
import type { CaseDelivery } from '../../src/app/ports/deliveries';
import type { CaseStore } from '../../src/app/ports/case-store';
import type { ClaimedReminder, ReminderClaim } from '../../src/app/ports/reminders';
import type { CreateCaseResult, NewCaseWith } from '../../src/app/ports/cases';
import type { DeliveryAddress, StoredAddress } from '../../src/app/ports/addresses';
import type { Case, NewCase } from '../../src/domain/case/case';
import { endedAt, isErased } from '../../src/domain/retention/retention';
import { formatCaseReference } from '../../src/domain/case/reference';
import type { Reminder, ReminderPlan } from '../../src/domain/reminders/reminder';
import { InMemoryReminders } from './in-memory-reminders';
import { InMemoryOutbox } from './in-memory-outbox';
import type { Outgoing } from '../../src/app/ports/outbox';
import { aggregateStatisticsRows } from '../../src/adapters/store/aggregate-statistics-rows';
import type { StockholmTime } from '../../src/app/ports/clock';
import { stockholmTime } from './fixed-clock';
import { statisticsRowOf } from '../../src/domain/statistics/case-statistics-row';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../src/domain/statistics/statistics-facts';

type UpdateResult = Awaited<ReturnType<CaseStore['updateCase']>>;

const openForTeam = new Set<Case['state']>(['new', 'assigned', 'handed_over']);

/**
 * CaseStore in a Map, for use-case tests. It passes the same contract suite as the real stores. Cases are
 * deep-copied in and out, so a test cannot change stored state by mutating an object it holds.
 * Each method body runs without awaiting, so it is as atomic as a store transaction. `stockholm` dates the
 * statistics rows as the real stores' injected port does (the real Stockholm conversion unless a test passes one).
 */
export class InMemoryCaseStore implements CaseStore {
  constructor(private readonly stockholm: StockholmTime = stockholmTime) {}

  private readonly cases = new Map<string, Case>();
  private readonly sequences = new Map<string, number>();
  private readonly audit: AuditEntry[] = [];
  private readonly addresses = new Map<string, StoredAddress>();
  private readonly deliveries = new Map<string, CaseDelivery>();
  private readonly reminders = new InMemoryReminders();
  /** Cases created with `reminders: 'later'`, in the order they were created (a Map keeps insertion order). */
  private readonly awaitingReminders = new Map<string, string>();
  /** Cases created with `firstMessages: 'later'`, in the order they were created. */
  private readonly awaitingFirstMessages = new Map<string, string>();
  readonly outbox = new InMemoryOutbox(this);

  async createCase(newCase: NewCase, referenceYear: number, outgoing?: NewCaseWith): Promise<CreateCaseResult> {
    const result = this.createCaseOnce(newCase, referenceYear, outgoing);
    // Without awaiting in between, so the case, its messages, reminders and audit rows are stored together.
    if (!result.created) return result;
    if (outgoing?.firstMessages === 'later') this.awaitingFirstMessages.set(result.case.id, outgoing.at);
    if (outgoing?.reminders === 'later') this.awaitingReminders.set(result.case.id, outgoing.at);
    for (const entry of outgoing?.audit ?? []) void this.appendAudit(entry);
    return result;
  }

  private createCaseOnce(newCase: NewCase, referenceYear: number, outgoing: Outgoing | undefined): CreateCaseResult {
    const existing = [...this.cases.values()].find((c) => c.submissionKey === newCase.submissionKey);
    if (existing) return { case: structuredClone(existing), created: false };
    if (this.cases.has(newCase.id)) throw new Error(`InMemoryCaseStore: a case with id ${newCase.id} already exists`);
    const district = newCase.routing.schoolDistrictCode;
    const sequenceKey = `${district}/${referenceYear}`;
    const last = (this.sequences.get(sequenceKey) ?? 0) + 1;
    this.sequences.set(sequenceKey, last);
    const stored: Case = { ...structuredClone(newCase), reference: formatCaseReference(district, referenceYear, last), version: 1 };
    this.cases.set(stored.id, stored);
    if (outgoing) void this.outbox.enqueue(outgoing.messages, outgoing.at);
    return { case: structuredClone(stored), created: true };
  }

  async getCase(id: string): Promise<Case | undefined> {
    const found = this.cases.get(id);
    return found && structuredClone(found);
  }

  async getCaseByReference(reference: string): Promise<Case | undefined> {
    const found = [...this.cases.values()].find((c) => c.reference === reference);
    return found && structuredClone(found);
  }

  async listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]> {
    return [...this.cases.values()]
      .filter((c) => c.tenantId === tenantId && c.reporterId === reporterId)
      .reverse() // newest insert first among cases created at the same instant, as the SQLite store does
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
      .map((c) => structuredClone(c));
  }

  async updateCase(next: Case, expectedVersion: number, outgoing?: Outgoing): Promise<UpdateResult> {
    const current = this.cases.get(next.id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.version !== expectedVersion) return { ok: false, reason: 'conflict' };
    const updated: Case = { ...structuredClone(next), version: expectedVersion + 1 };
    this.cases.set(updated.id, updated);
    if (outgoing) void this.outbox.enqueue(outgoing.messages, outgoing.at);
    return { ok: true, case: structuredClone(updated) };
  }

  async listCasesDueForErasure(filter: { closedBefore: string }, limit: number): Promise<Case[]> {
    const due = [...this.cases.values()].filter((c) => {
      const ended = endedAt(c);
      return c.erasedAt === undefined && ended !== undefined && ended < filter.closedBefore;
    });
    return due
      .sort((a, b) => ((endedAt(a) ?? '') < (endedAt(b) ?? '') ? -1 : (endedAt(a) ?? '') > (endedAt(b) ?? '') ? 1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
      .map((c) => structuredClone(c));
  }

  async eraseCase(erased: Case, expectedVersion: number): Promise<UpdateResult> {
    if (!isErased(erased)) throw new Error(`InMemoryCaseStore: eraseCase needs an erased case (erasures or erasedAt set)`);
    const result = await this.updateCase(erased, expectedVersion);
    if (!result.ok) return result;
    for (const [key, d] of this.deliveries) {
      if (d.caseId !== erased.id) continue;
      const { address: _address, ...kept } = d;
      this.deliveries.set(key, kept);
    }
    return result;
  }

  async saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void> {
    this.addresses.set(key, { address: { ...address }, updatedAt: at });
  }

  async getAddress(key: string): Promise<StoredAddress | undefined> {
    const found = this.addresses.get(key);
    return found && { address: { ...found.address }, updatedAt: found.updatedAt };
  }

  async listOpenCases(filter: { teamId: string } | { fallbackDistrictCode: string }, limit: number): Promise<Case[]> {
    const matches = (c: Case): boolean =>
      'teamId' in filter ? c.routing.sstTeamId === filter.teamId : c.routing.fallbackDistrictCode === filter.fallbackDistrictCode;
    return this.oldestFirst([...this.cases.values()].filter((c) => openForTeam.has(c.state) && matches(c)), limit);
  }

  async listOpenHandovers(unitId: string, limit: number): Promise<Case[]> {
    const open = [...this.cases.values()].filter((c) => c.handover?.unitId === unitId && c.handover.state !== 'closed');
    return open
      .sort((a, b) => (a.handover?.handedOverAt ?? '').localeCompare(b.handover?.handedOverAt ?? ''))
      .slice(0, Math.max(0, Math.floor(limit)))
      .map((c) => structuredClone(c));
  }

  async listOpenCasesAtSchool(schoolId: string, limit: number): Promise<Case[]> {
    return this.oldestFirst([...this.cases.values()].filter((c) => c.schoolId === schoolId && c.state !== 'closed' && c.state !== 'merged'), limit);
  }

  async saveDelivery(delivery: CaseDelivery): Promise<void> {
    this.deliveries.delete(delivery.key);
    this.deliveries.set(delivery.key, structuredClone(delivery));
  }

  async getDelivery(key: string): Promise<CaseDelivery | undefined> {
    const found = this.deliveries.get(key);
    return found && structuredClone(found);
  }

  async listDeliveriesForCase(caseId: string): Promise<CaseDelivery[]> {
    return this.byCreation([...this.deliveries.values()].filter((d) => d.caseId === caseId));
  }

  async listUndelivered(limit: number): Promise<CaseDelivery[]> {
    return this.byCreation([...this.deliveries.values()].filter((d) => d.status !== 'delivered')).slice(0, Math.max(0, limit));
  }

  private oldestFirst(cases: Case[], limit: number): Case[] {
    return cases
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .slice(0, Math.max(0, Math.floor(limit)))
      .map((c) => structuredClone(c));
  }

  private byCreation(deliveries: CaseDelivery[]): CaseDelivery[] {
    return deliveries
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.key < b.key ? -1 : 1))
      .map((d) => structuredClone(d));
  }

  async replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    this.reminders.replace(caseId, planned, at);
    this.awaitingReminders.delete(caseId);
  }

  async listCasesAwaitingFirstMessages(limit: number): Promise<string[]> {
    return [...this.awaitingFirstMessages.keys()].slice(0, Math.max(0, Math.floor(limit)));
  }

  async storeFirstMessages(caseId: string, outgoing: Outgoing): Promise<void> {
    // Without awaiting in between, so the messages and the list change together.
    if (outgoing.messages.length > 0) void this.outbox.enqueue(outgoing.messages, outgoing.at);
    this.awaitingFirstMessages.delete(caseId);
  }

  async listCasesAwaitingReminders(limit: number): Promise<string[]> {
    return [...this.awaitingReminders.keys()].slice(0, Math.max(0, Math.floor(limit)));
  }

  async listRemindersForCase(caseId: string): Promise<Reminder[]> {
    return this.reminders.listForCase(caseId);
  }

  async snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    return this.reminders.snooze(caseId, reminderId, until, at);
  }

  async claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]> {
    return this.reminders.claimDue(request);
  }

  async completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return this.reminders.complete(claim, outcome, at);
  }

  async releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return this.reminders.release(claim, retryAt, at);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.push(structuredClone(entry));
  }

  async listAudit(filter: { caseId?: string; from?: string; to?: string }): Promise<AuditEntry[]> {
    const { caseId, from, to } = filter;
    return this.audit
      .filter((e) => (caseId === undefined || e.caseId === caseId) && (from === undefined || e.at >= from) && (to === undefined || e.at < to))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((e) => structuredClone(e));
  }

  async statisticsFacts(query: StatisticsFactsQuery): Promise<StatisticsFacts> {
    return aggregateStatisticsRows([...this.cases.values()].map((c) => statisticsRowOf(c, (instant) => this.stockholm.toLocal(instant))), query);
  }

  async close(): Promise<void> {}
}
