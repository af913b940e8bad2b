import { describe, expect, it } from 'vitest';
import { people, testDirectory } from '../support/a-case';
import { aReport } from '../support/a-report';
import { inbox, person, useCaseWorld, type UseCaseWorld } from '../support/use-case-world';

/**
 * A case crosses to the investigation unit, at the use-case level: the unit gets the handover card, the team
 * sees the unit's steps on its cards, and the reporter hears nothing of social services' work except the
 * feedback the law allows a reporter who made a report of concern. test/e2e/handover.test.ts and
 * reporter-view.test.ts prove the same over HTTP.
 */
const school = 'far-hokarangsskolan';
const reporter = person(people.reporter);
const farTeam = [people.farMember1, people.farMember2, people.farCoordinator].map(person).sort();
const farUnit = [people.farInvestigator1, people.farInvestigator2].map(person).sort();
const contactsOf = (unitId: string): string[] =>
  (testDirectory.investigationUnits.find((u) => u.id === unitId)?.contacts ?? []).map((p) => person(p.id)).sort();

async function aHandedOverCase(world: UseCaseWorld = useCaseWorld()) {
  const { case: submitted } = await world.submit(people.reporter, aReport(school));
  await world.act(people.farMember1, submitted.id, { type: 'take' });
  const c = await world.act(people.farMember1, submitted.id, { type: 'hand_over', summary: 'Hög frånvaro sedan september.', legalGround: 'consent' });
  return { world, c };
}

describe('handing a case over', () => {
  it("sends the handover card to the unit's contacts (not its managers), tells the reporter nothing, and updates the team's cards", async () => {
    const world = useCaseWorld();
    const { case: submitted } = await world.submit(people.reporter, aReport(school));
    await world.act(people.farMember1, submitted.id, { type: 'take' });
    const before = world.messenger.updated.length;
    const c = await world.act(people.farMember1, submitted.id, { type: 'hand_over', summary: 'Hög frånvaro sedan september.', legalGround: 'consent' });
    expect(c).toMatchObject({ state: 'handed_over', handover: { unitId: 'FAR-INV', state: 'pending' } });
    expect(world.sentAbout(c, 'handover_card')).toEqual(farUnit);
    expect(world.sentAbout(c, 'handover_card')).not.toContain(person(people.farUnitManager));
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
    expect(world.updatedSince(before, 'case_card')).toEqual(farTeam);
  });

  it("sends it to the unit's channel alone once a manager linked it", async () => {
    const world = useCaseWorld();
    await world.linkInbox('FAR-INV', people.farUnitManager);
    const { c } = await aHandedOverCase(world);
    expect(world.sentAbout(c, 'handover_card')).toEqual([inbox('FAR-INV')]);
  });
});

describe('the unit acknowledges', () => {
  it('the team sees it on its cards and the unit on its handover cards; nobody is sent anything, the reporter hears nothing', async () => {
    const { world, c } = await aHandedOverCase();
    const sent = world.messenger.sent.length;
    const updated = world.messenger.updated.length;
    const acknowledged = await world.actOnHandover(people.farInvestigator1, c.id, { type: 'acknowledge' });
    expect(acknowledged.handover?.acknowledgement?.responsibleId).toBe(people.farInvestigator1);
    expect(world.messenger.sent.slice(sent)).toEqual([]);
    expect(world.updatedSince(updated, 'case_card')).toEqual(farTeam);
    expect(world.updatedSince(updated, 'handover_card')).toEqual(farUnit);
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
  });

  it('forwards to the unit of another district, whose contacts get the card; the first unit gets nothing new', async () => {
    const { world, c } = await aHandedOverCase();
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'forward', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere' });
    expect(contactsOf('SKA-INV')).toContain(person(people.skaInvestigator));
    expect(world.sentAbout(c, 'handover_card')).toEqual([...farUnit, ...contactsOf('SKA-INV')].sort());
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
  });
});

describe('the unit reports its outcome', () => {
  it('tells the reporter of an ordinary referral nothing, and nothing when the unit closes its part', async () => {
    const { world, c } = await aHandedOverCase();
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'acknowledge' });
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'report_outcome', outcome: 'investigation_opened' });
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'close' });
    expect((await world.current(c.id)).handover?.state).toBe('closed');
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
  });

  it('gives a reporter who made a report of concern the feedback the law allows, once, and nothing before it', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { suspectedHarm: true, concernReportedOn: '2026-11-23' }));
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'acknowledge' });
    expect(world.statusesTo(reporter, c)).toEqual([]);
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'report_outcome', outcome: 'not_opened' });
    expect(world.statusesTo(reporter, c)).toEqual(['concern_feedback']);
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'close' });
    expect(world.statusesTo(reporter, c)).toEqual(['concern_feedback']);
    const disclosures = (await world.store.listAudit({ caseId: c.id })).filter((e) => e.action === 'disclosure').map((e) => e.detail?.what);
    expect(disclosures).toContain('concern_feedback');
  });

  it('gives no feedback to a second reporter merged into a report of concern: they made no report of concern on it', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { suspectedHarm: true, concernReportedOn: '2026-11-23' }));
    const { case: duplicate } = await world.submit('teacher-2', aReport(school));
    await world.act(people.farMember1, duplicate.id, { type: 'merge', intoCaseId: c.id });
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'acknowledge' });
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'report_outcome', outcome: 'investigation_opened' });
    expect(world.statusesTo(reporter, c)).toEqual(['concern_feedback']);
    expect(world.statusesTo(person('teacher-2'), c)).toEqual([]);
  });
});

describe('input between the unit and the team', () => {
  it("the unit's request reaches the assignee; the answer lands on the handover and on the unit's cards", async () => {
    const { world, c } = await aHandedOverCase();
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'acknowledge' });
    await world.actOnHandover(people.farInvestigator1, c.id, { type: 'request_input', questionId: 'in-1', text: 'Hur går det i skolan?' });
    expect(world.sentAbout(c, 'input_request')).toEqual([person(people.farMember1)]);
    const updated = world.messenger.updated.length;
    const answered = await world.actOnHandover(people.farMember1, c.id, { type: 'answer_input', questionId: 'in-1', text: 'Bättre sedan oktober.' });
    expect(answered.handover?.inputRequests[0]?.answer?.text).toBe('Bättre sedan oktober.');
    expect(world.updatedSince(updated, 'input_request')).toEqual([person(people.farMember1)]);
    expect(world.updatedSince(updated, 'handover_card')).toEqual(farUnit);
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
  });
});
