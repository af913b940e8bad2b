import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../../src/app/act-on-case';
import { submitConsultation } from '../../../src/app/submit-consultation';
import { submitReport } from '../../../src/app/submit-report';
import { planAwaitingFirstMessages } from '../../../src/app/first-messages';
import { people } from '../../support/a-case';
import { aReport } from '../../support/a-report';
import { useCaseWorld } from '../../support/use-case-world';

/**
 * The use cases plan every change's follow-up with the one dispatcher (src/app/dispatch-case-change.ts) and
 * store the messages with the change (the outbox): nothing is sent inside the turn, and everything is sent
 * once, by the drainer.
 */
const world = () => useCaseWorld();

const teacher = { tenantId: 'tenant-1', userId: people.reporter, locale: 'sv-SE' };
const member = { tenantId: 'tenant-1', userId: people.farMember1, locale: 'sv-SE' };
const school = 'far-hokarangsskolan';

describe('what happens after a change', () => {
  it('leaves a new report’s routing for after the answer, sends nothing during the turn, then the case card to each team member under its own key', async () => {
    const { deps, messenger, store, settle } = world();
    const submitted = await submitReport(deps, { actor: teacher, formId: 'form-1', draft: aReport(school) });
    if (!submitted.ok) throw new Error('report refused');
    const c = submitted.value.case;
    expect(submitted.value.events).toEqual([expect.objectContaining({ type: 'CaseSubmitted', kind: 'referral', caseId: c.id })]);
    expect(await store.outbox.listPending(`person:tenant-1:${people.farMember1}`)).toEqual([]);
    expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([c.id]);
    expect(messenger.sent).toEqual([]);
    // The follow-up planner plans the submission's messages as the dispatcher would have during the turn.
    await planAwaitingFirstMessages(deps, 16);
    expect((await store.outbox.listPending(`person:tenant-1:${people.farMember1}`)).map((e) => e.key)).toEqual([`case:${c.id}:card:person:tenant-1:${people.farMember1}`]);

    await settle();
    expect(messenger.sent.length).toBeGreaterThan(0);
    expect(messenger.sent.every((s) => s.kind === 'case_card' && s.key === `case:${c.id}:card:${s.to}`)).toBe(true);
    // The cards were just sent: there is nothing to update in place yet.
    expect(messenger.updated).toEqual([]);
  });

  it('queues nothing for the same form sent again, and reaches no one twice', async () => {
    const { deps, messenger, store, settle } = world();
    await submitReport(deps, { actor: teacher, formId: 'form-1', draft: aReport(school) });
    await settle();
    const first = messenger.sent.length;
    const again = await submitReport(deps, { actor: teacher, formId: 'form-1', draft: aReport(school) });
    expect(again.ok && again.value.duplicate).toBe(true);
    expect(await store.outbox.nextDueAt()).toBeUndefined();
    await settle();
    expect(messenger.sent).toHaveLength(first);
  });

  it('sends a consultation to the team the same way', async () => {
    const { deps, messenger, settle } = world();
    const asked = await submitConsultation(deps, { actor: teacher, formId: 'form-2', draft: { schoolId: school, reporterRole: 'teacher', question: 'Hur gör vi?' } });
    expect(asked.ok && asked.value.events.map((e) => e.type)).toEqual(['CaseSubmitted']);
    await settle();
    expect(new Set(messenger.sent.map((s) => s.kind))).toEqual(new Set(['case_card']));
  });

  it('tells the reporter a team took their case and updates every delivered case card in place', async () => {
    const { deps, messenger, settle } = world();
    const submitted = await submitReport(deps, { actor: teacher, formId: 'form-1', draft: aReport(school) });
    if (!submitted.ok) throw new Error('report refused');
    await settle();
    const cards = messenger.sent.length;
    const c = submitted.value.case;

    const taken = await actOnCase(deps, { actor: member, caseId: c.id, seenVersion: c.version, action: { type: 'take' } });
    expect(taken.ok && taken.value.events.map((e) => e.type)).toEqual(['CaseTaken']);
    expect(messenger.sent).toHaveLength(cards);
    await settle();
    expect(messenger.sent.slice(cards)).toEqual([{ to: `person:tenant-1:${people.reporter}`, kind: 'status', key: `case:${c.id}:status-taken:person:tenant-1:${people.reporter}` }]);
    expect(messenger.updated).toHaveLength(cards);
    // Each update goes under the card's own delivery key: the message it updates.
    expect(messenger.updated.every((u) => u.kind === 'case_card' && u.key === `case:${c.id}:card:${u.to}`)).toBe(true);
  });

  it('queues nothing for a refused action', async () => {
    const { deps, store, settle } = world();
    const submitted = await submitReport(deps, { actor: teacher, formId: 'form-1', draft: aReport(school) });
    if (!submitted.ok) throw new Error('report refused');
    await settle();
    const refused = await actOnCase(deps, { actor: teacher, caseId: submitted.value.case.id, action: { type: 'take' } });
    expect(refused.ok).toBe(false);
    expect(await store.outbox.nextDueAt()).toBeUndefined();
  });
});
