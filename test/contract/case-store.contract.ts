import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/app/ports/audit';
import type { CaseDelivery } from '../../src/app/ports/deliveries';
import type { CaseStore } from '../../src/app/ports/case-store';
import type { Case, NewCase } from '../../src/domain/case/case';
import { formatCaseReference } from '../../src/domain/case/reference';
import { aDelivery } from '../support/a-delivery';
import { aNewCase } from '../support/a-new-case';
import { aReminderPlan } from '../support/a-reminder-plan';
import { aStatusMessage } from '../support/outbox-messages';
import { deliveriesContract } from './deliveries.contract';
import { openCasesContract, openHandoversContract } from './open-cases.contract';
import { retentionContract } from './retention.contract';
import { remindersContract } from './reminders.contract';
import { statisticsContract } from './statistics.contract';

export interface StoreUnderTest {
  store: CaseStore;
  /** Opens the same data again after the suite has closed `store`; omit for stores that cannot persist. */
  reopen?: () => Promise<CaseStore>;
  /** Releases what the factory made (files, containers); `store` may already be closed. */
  cleanup: () => Promise<void>;
}

/**
 * The behaviour every CaseStore promises (src/app/ports/case-store.ts). Each store's runner calls this once with a
 * factory that gives every test a fresh, empty store.
 */
export function caseStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let store: CaseStore;
    let reopen: StoreUnderTest['reopen'];
    let cleanup: StoreUnderTest['cleanup'] | undefined;

    beforeEach(async () => {
      ({ store, reopen, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    const inDistrict = (districtCode: string, overrides: Partial<NewCase> = {}): NewCase => {
      const base = aNewCase(overrides);
      return { ...base, routing: { ...base.routing, schoolDistrictCode: districtCode } };
    };
    const create = async (newCase: NewCase, year = 2026): Promise<Case> => (await store.createCase(newCase, year)).case;

    describe('creating cases', () => {
      it('gives a new case version 1 and the first reference of its district and year', async () => {
        const input = aNewCase();
        const result = await store.createCase(input, 2026);
        expect(result.created).toBe(true);
        expect(result.case).toEqual({ ...input, reference: 'FAR-2026-0001', version: 1 });
      });

      it('returns the first case when the same form is submitted again, without using up a reference', async () => {
        const first = await create(aNewCase());
        const retry = aNewCase({ submissionKey: first.submissionKey, text: 'Andra försöket' });
        const again = await store.createCase(retry, 2026);
        expect(again.created).toBe(false);
        expect(again.case).toEqual(first);
        expect(await store.getCase(retry.id)).toBeUndefined();
        expect((await create(aNewCase())).reference).toBe('FAR-2026-0002');
      });

      it('stores the audit rows a new case brings with it, and none for a repeat', async () => {
        const at = '2026-11-23T09:00:00.000Z';
        const newCase = aNewCase();
        const withIt = (c: NewCase, action: string) => ({ messages: [], at, audit: [{ at, actorId: 'teacher-1', action, caseId: c.id }] });
        const first = await store.createCase(newCase, 2026, withIt(newCase, 'case.submitted'));
        expect(first.created).toBe(true);
        const id = first.case.id;
        expect((await store.listAudit({ caseId: id })).map((e) => e.action)).toEqual(['case.submitted']);

        const repeat = aNewCase({ submissionKey: first.case.submissionKey });
        const again = await store.createCase(repeat, 2026, withIt(repeat, 'case.submitted_again'));
        expect(again).toEqual({ case: first.case, created: false });
        expect((await store.listAudit({ caseId: id })).map((e) => e.action)).toEqual(['case.submitted']);
        expect(await store.listAudit({ caseId: repeat.id })).toEqual([]);
      });

      it('lists a case created with its reminders for later until they are planned, longest waiting first, and never a repeat', async () => {
        const later = (c: NewCase, at: string) => ({ messages: [], at, reminders: 'later' as const });
        const first = (await store.createCase(aNewCase(), 2026, later(aNewCase(), '2026-11-23T09:00:00.000Z'))).case;
        const second = (await store.createCase(aNewCase(), 2026, later(aNewCase(), '2026-11-23T09:00:01.000Z'))).case;
        const planned = (await store.createCase(aNewCase(), 2026, { messages: [], at: '2026-11-23T09:00:02.000Z' })).case;
        expect(await store.listCasesAwaitingReminders(10)).toEqual([first.id, second.id]);
        expect(await store.listCasesAwaitingReminders(1)).toEqual([first.id]);
        expect(await store.listRemindersForCase(first.id)).toEqual([]);
        expect(planned.id).not.toBe(first.id);

        const repeat = aNewCase({ submissionKey: first.submissionKey });
        expect((await store.createCase(repeat, 2026, later(repeat, '2026-11-23T09:00:03.000Z'))).created).toBe(false);
        expect(await store.listCasesAwaitingReminders(10)).toEqual([first.id, second.id]);

        await store.replaceCaseReminders(first.id, [aReminderPlan(first.id)], '2026-11-23T09:00:04.000Z');
        expect(await store.listCasesAwaitingReminders(10)).toEqual([second.id]);
        expect((await store.listRemindersForCase(first.id)).map((r) => r.status)).toEqual(['pending']);
        // A case whose state calls for no reminders leaves the list too.
        await store.replaceCaseReminders(second.id, [], '2026-11-23T09:00:05.000Z');
        expect(await store.listCasesAwaitingReminders(10)).toEqual([]);
      });

      it('lists a case created with its first messages for later until they are stored, longest waiting first, never a repeat, and apart from its reminders', async () => {
        const later = (at: string) => ({ messages: [], at, reminders: 'later' as const, firstMessages: 'later' as const });
        const first = (await store.createCase(aNewCase(), 2026, later('2026-11-23T09:00:00.000Z'))).case;
        const second = (await store.createCase(aNewCase(), 2026, later('2026-11-23T09:00:01.000Z'))).case;
        await store.createCase(aNewCase(), 2026, { messages: [], at: '2026-11-23T09:00:02.000Z' });
        expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([first.id, second.id]);
        expect(await store.listCasesAwaitingFirstMessages(1)).toEqual([first.id]);

        const repeat = aNewCase({ submissionKey: first.submissionKey });
        expect((await store.createCase(repeat, 2026, later('2026-11-23T09:00:03.000Z'))).created).toBe(false);
        expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([first.id, second.id]);

        // Planning the reminders leaves the first messages awaiting, and the other way round.
        await store.replaceCaseReminders(first.id, [], '2026-11-23T09:00:04.000Z');
        expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([first.id, second.id]);
        const lane = 'person:tenant-1:p-1';
        const message = aStatusMessage(first.id, 'p-1');
        await store.storeFirstMessages(first.id, { messages: [message], at: '2026-11-23T09:00:05.000Z' });
        expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([second.id]);
        expect(await store.listCasesAwaitingReminders(10)).toEqual([second.id]);
        expect((await store.outbox.listPending(lane)).map((e) => e.key)).toEqual([`case:${first.id}:status-received:${lane}`]);
        // Stored twice (a planner that died before taking the case off the list): the message waits once.
        await store.storeFirstMessages(first.id, { messages: [message], at: '2026-11-23T09:00:06.000Z' });
        expect(await store.outbox.listPending(lane)).toHaveLength(1);
        // No messages (nobody to tell), or a case that is not stored: off the list all the same.
        await store.storeFirstMessages(second.id, { messages: [], at: '2026-11-23T09:00:07.000Z' });
        await store.storeFirstMessages('no-such-case', { messages: [], at: '2026-11-23T09:00:07.000Z' });
        expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([]);
      });

      it('keeps running numbers per district and per year', async () => {
        const refs = [];
        for (const [district, year] of [['FAR', 2026], ['SOD', 2026], ['FAR', 2027], ['FAR', 2026], ['SOD', 2026]] as const) {
          refs.push((await create(inDistrict(district), year)).reference);
        }
        expect(refs).toEqual(['FAR-2026-0001', 'SOD-2026-0001', 'FAR-2027-0001', 'FAR-2026-0002', 'SOD-2026-0002']);
      });

      it('gives 20 reports submitted at once in one district 20 distinct consecutive references', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => store.createCase(aNewCase(), 2026)));
        expect(results.every((r) => r.created)).toBe(true);
        const refs = results.map((r) => r.case.reference).sort();
        expect(refs).toEqual(Array.from({ length: 20 }, (_, i) => formatCaseReference('FAR', 2026, i + 1)));
        for (const r of results) expect((await store.getCaseByReference(r.case.reference))?.id).toBe(r.case.id);
      });

      it('makes exactly one case when the same form arrives 20 times at once', async () => {
        const submissionKey = aNewCase().submissionKey;
        const results = await Promise.all(Array.from({ length: 20 }, () => store.createCase(aNewCase({ submissionKey }), 2026)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => `${r.case.id} ${r.case.reference}`))).toEqual(new Set([`${results[0]?.case.id} FAR-2026-0001`]));
        expect(await store.listCasesByReporter('tenant-1', 'teacher-1', 50)).toHaveLength(1);
        expect((await create(aNewCase())).reference).toBe('FAR-2026-0002');
      });
    });

    describe('reading cases', () => {
      it('reads back every field of a fully filled case, by id and by reference', async () => {
        const input = inDistrict('JAR', {
          state: 'handed_over',
          reporterRole: 'pupil_health',
          supportLevel: 'intensive',
          owner: { kind: 'district_committee', districtCode: 'JAR' },
          pupil: { initials: 'CD', yearGroup: 10, ageBand: 'adult' },
          concerns: ['violence', 'family'],
          consent: {
            givenBy: 'pupil',
            scope: ['absence', 'school_steps', 'description', 'concerns'],
            recipients: ['sst_team', 'investigation_unit'],
            validUntil: '2027-06-15',
            recordedAt: '2026-11-23T09:00:00.000Z',
            recordedBy: 'teacher-1',
            withdrawnAt: '2026-11-24T10:00:00.000Z',
            withdrawnBy: '00000000-0000-4000-8000-000000000020',
          },
          suspectedHarm: true,
          concernReportedOn: '2026-11-20',
          routing: {
            schoolDistrictCode: 'JAR',
            fallbackDistrictCode: 'JAR',
            homeDistrictCode: 'SKA',
            investigationUnitId: 'SKA-INV',
            urgent: true,
            flags: ['no_sst_team'],
            reasons: [
              { code: 'no_sst_team_fallback', districtCode: 'JAR' },
              { code: 'investigation_by_home_district', districtCode: 'SKA', unitId: 'SKA-INV' },
              { code: 'urgent_to_investigation' },
            ],
          },
          history: [
            { at: '2026-11-23T09:00:00.000Z', by: 'teacher-1', type: 'submitted' },
            { at: '2026-11-23T09:05:00.000Z', by: 'teacher-1', type: 'consultation_asked' },
          ],
        });
        const created = await create(input);
        const expected = { ...input, reference: 'JAR-2026-0001', version: 1 };
        expect(created).toEqual(expected);
        expect(await store.getCase(input.id)).toEqual(expected);
        expect(await store.getCaseByReference('JAR-2026-0001')).toEqual(expected);
      });

      it('reads back a consultation without pupil fields and invents none', async () => {
        const base = aNewCase({ kind: 'consultation', concerns: [], text: 'Hur gör vi med långvarig frånvaro?' });
        const { pupil: _p, absence: _a, steps: _s, consent: _c, supportLevel: _l, ...consultation } = base;
        const read = await store.getCase((await create(consultation)).id);
        expect(read).toEqual({ ...consultation, reference: 'FAR-2026-0001', version: 1 });
        expect([read?.pupil, read?.absence, read?.steps, read?.consent, read?.supportLevel]).toEqual([undefined, undefined, undefined, undefined, undefined]);
      });

      it('answers undefined for an unknown id or reference', async () => {
        await create(aNewCase());
        expect(await store.getCase('no-such-case')).toBeUndefined();
        expect(await store.getCaseByReference('FAR-2026-0999')).toBeUndefined();
      });

      it('keeps the stored case unchanged when a caller mutates objects it passed in or got back', async () => {
        const input = aNewCase();
        const created = await create(input);
        const snapshot = structuredClone(created);
        input.pupil = { initials: 'ZZ', yearGroup: 1 };
        input.routing.flags.push('other_municipality');
        created.history.push({ at: '2026-11-24T00:00:00.000Z', by: 'someone', type: 'submitted' });
        created.concerns.push('crime');
        const read = await store.getCase(input.id);
        read?.routing.reasons.pop();
        expect(await store.getCase(input.id)).toEqual(snapshot);
      });
    });

    describe("listing a reporter's cases", () => {
      it("returns only that reporter's cases in that tenant, newest first", async () => {
        const at = (hour: number) => `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`;
        const mine = [await create(aNewCase({ createdAt: at(9) })), await create(aNewCase({ createdAt: at(11) })), await create(aNewCase({ createdAt: at(10) }))];
        await create(aNewCase({ reporterId: 'teacher-2', createdAt: at(12) }));
        await create(aNewCase({ tenantId: 'tenant-2', createdAt: at(13) }));
        const listed = await store.listCasesByReporter('tenant-1', 'teacher-1', 10);
        expect(listed.map((c) => c.createdAt)).toEqual([at(11), at(10), at(9)]);
        expect(listed).toEqual([mine[1], mine[2], mine[0]]);
      });

      it('returns no more than the limit, keeping the newest', async () => {
        for (const day of [20, 22, 21, 23]) await create(aNewCase({ createdAt: `2026-11-${day}T08:00:00.000Z` }));
        const listed = await store.listCasesByReporter('tenant-1', 'teacher-1', 2);
        expect(listed.map((c) => c.createdAt)).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-22T08:00:00.000Z']);
      });

      it('returns an empty list to a reporter with no cases', async () => {
        await create(aNewCase());
        expect(await store.listCasesByReporter('tenant-1', 'teacher-9', 10)).toEqual([]);
      });
    });

    describe('updating cases', () => {
      it('stores an update made from the current version and bumps the version each time', async () => {
        const created = await create(aNewCase());
        const assigned: Case = { ...created, state: 'assigned', supportLevel: 'intensive' };
        const first = await store.updateCase(assigned, 1);
        expect(first).toEqual({ ok: true, case: { ...assigned, version: 2 } });
        expect(await store.getCase(created.id)).toEqual({ ...assigned, version: 2 });
        expect(await store.getCaseByReference(created.reference)).toEqual({ ...assigned, version: 2 });
        expect(await store.listCasesByReporter('tenant-1', 'teacher-1', 10)).toEqual([{ ...assigned, version: 2 }]);

        const closed: Case = { ...assigned, version: 2, state: 'closed' };
        expect(await store.updateCase(closed, 2)).toEqual({ ok: true, case: { ...closed, version: 3 } });
      });

      it('reads back every lifecycle field: assignee, questions, a forwarded handover, outcome, merge links and follow-ups', async () => {
        const created = await create(aNewCase());
        const question = { id: 'q-1', askedBy: 'sst-1', askedAt: '2026-11-24T09:00:00.000Z', text: 'Fråga?' };
        const answered = { ...question, answer: { by: 'teacher-1', at: '2026-11-24T10:00:00.000Z', text: 'Svar.' } };
        const lifecycle: Case = {
          ...created,
          state: 'closed',
          assigneeId: 'sst-1',
          questions: [answered],
          handover: {
            state: 'outcome_reported',
            unitId: 'SKA-INV',
            urgent: true,
            summary: 'Kort sammanfattning.',
            legalGround: 'consent',
            handedOverBy: 'sst-1',
            handedOverAt: '2026-11-24T11:00:00.000Z',
            receivedOn: '2026-11-25',
            acknowledgement: { responsibleId: 'inv-2', recordedBy: 'inv-1', at: '2026-11-25T08:00:00.000Z' },
            outcome: { outcome: 'investigation_opened', by: 'inv-2', at: '2026-11-26T08:00:00.000Z' },
            forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: 'inv-0', at: '2026-11-25T07:00:00.000Z' }],
            inputRequests: [question],
            sstInvitation: { sstWorkerId: 'sst-1', legalGround: 'own_work', by: 'inv-2', at: '2026-11-26T09:00:00.000Z' },
          },
          outcome: 'handed_to_investigation',
          closedAt: '2026-11-27T08:00:00.000Z',
          mergedCaseIds: ['case-dup'],
          attachedReporterIds: ['teacher-7'],
          followUpOn: '2027-01-12',
          attendance: [{ on: '2026-12-15', totalPercent: 25, unexcusedPercent: 12.5, by: 'teacher-1' }],
          history: [...created.history, { at: '2026-11-24T11:00:00.000Z', by: 'sst-1', type: 'handed_over', detail: { unitId: 'FAR-INV' } }],
        };
        expect(await store.updateCase(lifecycle, 1)).toEqual({ ok: true, case: { ...lifecycle, version: 2 } });
        expect(await store.getCase(created.id)).toEqual({ ...lifecycle, version: 2 });
      });

      it('refuses an update from a stale version as a conflict and changes nothing', async () => {
        const created = await create(aNewCase());
        const winner = await store.updateCase({ ...created, state: 'assigned' }, 1);
        const stale = await store.updateCase({ ...created, state: 'closed', text: 'Skrivet över' }, 1);
        expect(stale).toEqual({ ok: false, reason: 'conflict' });
        expect(await store.getCase(created.id)).toEqual(winner.ok && winner.case);
        expect((await store.getCase(created.id))?.state).toBe('assigned');
      });

      it('reports not_found for a case that was never stored, and does not create it', async () => {
        const ghost: Case = { ...aNewCase(), reference: 'FAR-2026-0999', version: 1 };
        expect(await store.updateCase(ghost, 1)).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.getCase(ghost.id)).toBeUndefined();
      });

      it('lets exactly one of two simultaneous updates from the same version win', async () => {
        const created = await create(aNewCase());
        const results = await Promise.all([
          store.updateCase({ ...created, state: 'assigned' }, 1),
          store.updateCase({ ...created, state: 'closed' }, 1),
        ]);
        const winners = results.flatMap((r) => (r.ok ? [r.case] : []));
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'conflict' }]);
        expect(await store.getCase(created.id)).toEqual(winners[0]);
      });
    });

    openCasesContract(() => store);
    openHandoversContract(() => store);

    describe('address book', () => {
      it('gives back the address saved under a key, and the newest one after a second save', async () => {
        await store.saveAddress('person:tenant-1:teacher-1', { transport: 'msteams', value: '{"conversation":"a"}' }, '2026-11-23T09:00:00.000Z');
        await store.saveAddress('inbox:FAR-SST-1', { transport: 'msteams', value: '{"conversation":"channel"}' }, '2026-11-23T09:01:00.000Z');
        await store.saveAddress('person:tenant-1:teacher-1', { transport: 'msteams', value: '{"conversation":"b"}' }, '2026-11-23T10:00:00.000Z');
        expect(await store.getAddress('person:tenant-1:teacher-1')).toEqual({ address: { transport: 'msteams', value: '{"conversation":"b"}' }, updatedAt: '2026-11-23T10:00:00.000Z' });
        expect(await store.getAddress('inbox:FAR-SST-1')).toEqual({ address: { transport: 'msteams', value: '{"conversation":"channel"}' }, updatedAt: '2026-11-23T09:01:00.000Z' });
      });

      it('answers undefined for a key nobody saved', async () => {
        expect(await store.getAddress('person:tenant-1:nobody')).toBeUndefined();
      });
    });

    deliveriesContract(() => store);
    retentionContract(() => store);
    remindersContract(() => store);
    statisticsContract(() => store);

    describe('audit', () => {
      const at = (hour: number) => `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`;
      const entries: AuditEntry[] = [
        { at: at(11), actorId: 'teacher-1', action: 'case.submitted', caseId: 'case-a' },
        { at: at(9), actorId: 'teacher-1', action: 'report.refused_protected_identity' },
        { at: at(12), actorId: 'sst-1', action: 'case.taken', caseId: 'case-b', detail: { from: 'new', to: 'assigned' } },
        { at: at(10), actorId: 'teacher-1', action: 'cases.listed_own', detail: { count: '2' } },
        { at: at(13), actorId: 'sst-1', action: 'case.closed', caseId: 'case-a' },
      ];
      const byTime = [...entries].sort((a, b) => a.at.localeCompare(b.at));
      beforeEach(async () => {
        for (const e of entries) await store.appendAudit(e);
      });

      it('returns every entry in time order, whatever order they were appended in', async () => {
        expect(await store.listAudit({})).toEqual(byTime);
      });

      it("returns only a case's own entries when filtered by case", async () => {
        expect(await store.listAudit({ caseId: 'case-a' })).toEqual([entries[0], entries[4]]);
        expect(await store.listAudit({ caseId: 'case-none' })).toEqual([]);
      });

      it('filters by time from (inclusive) to (exclusive), also combined with a case', async () => {
        expect(await store.listAudit({ from: at(10), to: at(12) })).toEqual([entries[3], entries[0]]);
        expect(await store.listAudit({ from: at(12) })).toEqual([entries[2], entries[4]]);
        expect(await store.listAudit({ to: at(10) })).toEqual([entries[1]]);
        expect(await store.listAudit({ caseId: 'case-a', from: at(12) })).toEqual([entries[4]]);
      });
    });

    describe('restart', () => {
      it('keeps cases, running numbers, submission keys, audit, addresses and deliveries after the store is closed and reopened', async (ctx) => {
        if (!reopen) return ctx.skip(`${name} does not persist`);
        const first = await create(aNewCase());
        const second = await create(aNewCase());
        const updated = await store.updateCase({ ...second, state: 'assigned' }, 1);
        const entry: AuditEntry = { at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: first.id, detail: { via: 'card' } };
        await store.appendAudit(entry);
        await store.saveAddress('inbox:FAR-SST-1', { transport: 'msteams', value: 'address-1' }, '2026-11-23T09:00:00.000Z');
        const delivered: CaseDelivery = aDelivery(first.id, { status: 'delivered', messageId: 'm-1', address: { transport: 'msteams', value: 'address-1' }, attempts: 1 });
        const pending: CaseDelivery = aDelivery(first.id, { key: `case:${first.id}:status:person:tenant-1:teacher-1`, recipient: 'person:tenant-1:teacher-1', purpose: 'status', createdAt: '2026-11-23T09:01:00.000Z' });
        await store.saveDelivery(delivered);
        await store.saveDelivery(pending);
        await store.close();

        store = await reopen();
        try {
          expect(await store.getCase(first.id)).toEqual(first);
          expect(await store.getCaseByReference(second.reference)).toEqual(updated.ok && updated.case);
          expect(await store.listAudit({})).toEqual([entry]);
          expect(await store.getAddress('inbox:FAR-SST-1')).toEqual({ address: { transport: 'msteams', value: 'address-1' }, updatedAt: '2026-11-23T09:00:00.000Z' });
          expect(await store.getDelivery(delivered.key)).toStrictEqual(delivered);
          expect(await store.listDeliveriesForCase(first.id)).toStrictEqual([delivered, pending]);
          expect(await store.listUndelivered(10)).toStrictEqual([pending]);
          expect((await store.listOpenCases({ teamId: 'FAR-SST-1' }, 10)).map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
          expect(await store.createCase(aNewCase({ submissionKey: first.submissionKey }), 2026)).toEqual({ case: first, created: false });
          expect((await create(aNewCase())).reference).toBe('FAR-2026-0003');
          expect(await store.updateCase({ ...second, state: 'closed' }, 1)).toEqual({ ok: false, reason: 'conflict' });
        } finally {
          await store.close();
        }
      });
    });
  });
}
