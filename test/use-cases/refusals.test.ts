import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../src/app/act-on-case';
import { actOnHandover } from '../../src/app/act-on-handover';
import { openInputRequest } from '../../src/app/open-input-request';
import { viewCase } from '../../src/app/view-case';
import type { HandoverAction } from '../../src/domain/handover/handover-lifecycle';
import { people } from '../support/a-case';
import { aReport } from '../support/a-report';
import { useCaseWorld } from '../support/use-case-world';

/**
 * People the directory gives no part in a case are refused, the case stays as it was, nobody hears of the
 * attempt, and the attempt is audited. test/e2e/case-actions.test.ts, handover.test.ts and refusals.test.ts
 * prove the same through the cards over HTTP.
 */
const school = 'far-hokarangsskolan';

async function aHandedOverCase() {
  const world = useCaseWorld();
  const { case: submitted } = await world.submit(people.reporter, aReport(school));
  await world.act(people.farMember1, submitted.id, { type: 'take' });
  const c = await world.act(people.farMember1, submitted.id, { type: 'hand_over', summary: 'Hög frånvaro sedan september.', legalGround: 'consent' });
  return { world, c };
}

const caseActions: [string, CaseCommand][] = [
  ['take', { type: 'take' }],
  ['close', { type: 'close', outcome: 'back_in_school' }],
  ['ask the reporter', { type: 'ask_reporter', questionId: 'q-x', text: 'Vem är eleven?' }],
  ['withdraw the consent', { type: 'withdraw_consent' }],
];
const handoverActions: [string, HandoverAction][] = [
  ['acknowledge', { type: 'acknowledge' }],
  ['forward', { type: 'forward', toUnitId: 'SKA-INV', reason: 'wrong_unit' }],
  ['ask for input', { type: 'request_input', questionId: 'in-x', text: 'Berätta mer.' }],
];

describe('a stranger', () => {
  it.each(caseActions)('who tries to %s is refused and audited; the case is unchanged and nobody hears of it', async (_name, action) => {
    const { world, c } = await aHandedOverCase();
    const before = await world.current(c.id);
    const [sent, updated, scheduled] = [world.messenger.sent.length, world.messenger.updated.length, world.background.names.length];
    const refused = await world.tryAct(people.stranger, c.id, action);
    expect(refused.ok ? 'done' : refused.error.code).toBe('not_authorized');
    expect(await world.current(c.id)).toEqual(before);
    expect(world.background.names).toHaveLength(scheduled);
    expect([world.messenger.sent.length, world.messenger.updated.length]).toEqual([sent, updated]);
    expect(await world.auditedFor(c, people.stranger)).toEqual(['case.action_refused']);
  });

  it.each(handoverActions)('who tries to %s a handover is refused and audited; the case is unchanged and nobody hears of it', async (_name, action) => {
    const { world, c } = await aHandedOverCase();
    const before = await world.current(c.id);
    const sent = world.messenger.sent.length;
    const refused = await world.tryActOnHandover(people.stranger, c.id, action);
    expect(refused.ok ? 'done' : refused.error.code).toBe('not_authorized');
    expect(await world.current(c.id)).toEqual(before);
    expect(world.messenger.sent.length).toBe(sent);
    expect(await world.auditedFor(c, people.stranger)).toEqual(['case.action_refused']);
  });

  it('who opens the case sees nothing, and the look is audited', async () => {
    const { world, c } = await aHandedOverCase();
    const refused = await viewCase(world.deps, world.actor(people.stranger), c.id);
    expect(refused.ok ? 'shown' : refused.error.code).toBe('not_authorized');
    expect(await world.auditedFor(c, people.stranger)).toEqual(['case.view_refused']);
  });
});

describe('people with another part in the case', () => {
  it("an admin may do nothing on a case; a member of another district's team neither", async () => {
    const { world, c } = await aHandedOverCase();
    for (const outsider of [people.admin, people.broMember]) {
      const refused = await world.tryAct(outsider, c.id, { type: 'close', outcome: 'back_in_school' });
      expect(refused.ok ? 'closed' : refused.error.code).toBe('not_authorized');
      expect(await world.auditedFor(c, outsider)).toEqual(['case.action_refused']);
    }
    expect((await world.current(c.id)).state).toBe('handed_over');
  });

  it('the team cannot act for the unit, and the reporter cannot act for the team', async () => {
    const { world, c } = await aHandedOverCase();
    const byTeam = await world.tryActOnHandover(people.farMember1, c.id, { type: 'acknowledge' });
    const byReporter = await world.tryAct(people.reporter, c.id, { type: 'close', outcome: 'back_in_school' });
    expect([byTeam, byReporter].map((r) => (r.ok ? 'done' : r.error.code))).toEqual(['not_authorized', 'not_authorized']);
    expect((await world.current(c.id)).handover?.state).toBe('pending');
  });

  it('a click on a card older than the case is refused as stale and audited', async () => {
    const { world, c } = await aHandedOverCase();
    const stale = await world.deps.store.getCase(c.id);
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'acknowledge' });
    const refused = await actOnHandover(world.deps, { actor: world.actor(people.farInvestigator2), caseId: c.id, seenVersion: stale?.version ?? 0, action: { type: 'acknowledge' } });
    expect(refused.ok ? 'done' : refused.error.code).toBe('stale');
    expect((await world.current(c.id)).handover?.acknowledgement?.responsibleId).toBe(people.farInvestigator1);
    expect(await world.auditedFor(c, people.farInvestigator2)).toEqual(['case.action_refused']);
  });

  it('a teacher cannot ask the team for input as if they were an investigator, and nothing is stored or sent', async () => {
    const world = useCaseWorld();
    const refused = await openInputRequest(world.deps, {
      actor: world.actor(people.reporter),
      formId: 'form-1',
      draft: { schoolId: school, pupilInitials: 'KL', yearGroup: 7, question: 'Hur går det?', legalGround: 'own_work' },
    });
    await world.settle();
    expect(refused.ok ? 'opened' : refused.error.code).toBe('not_authorized');
    expect(world.messenger.sent).toEqual([]);
    expect((await world.store.listAudit({})).map((e) => [e.actorId, e.action])).toEqual([[people.reporter, 'input_request.refused']]);
  });
});
