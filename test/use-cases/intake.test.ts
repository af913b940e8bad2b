import { describe, expect, it } from 'vitest';
import { submitConsultation } from '../../src/app/submit-consultation';
import type { CaseStore } from '../../src/app/ports/case-store';
import type { NewCaseWith } from '../../src/app/ports/cases';
import { submitReport } from '../../src/app/submit-report';
import { planAwaitingReminders, reminderPlansFor } from '../../src/app/plan-reminders';
import { planAwaitingFirstMessages } from '../../src/app/first-messages';
import type { NewCase } from '../../src/domain/case/case';
import { people, testDirectory } from '../support/a-case';
import { aReport } from '../support/a-report';
import { inbox, person, tenantId, useCaseWorld } from '../support/use-case-world';

/**
 * A teacher's report, at the use-case level: stored once per form, and its card reaches exactly the people the
 * routing names, each once. test/e2e/routing.test.ts and report-intake.test.ts prove the same over HTTP.
 */
const school = 'far-hokarangsskolan';
const farTeam = [people.farMember1, people.farMember2, people.farCoordinator].map(person).sort();

describe('a submitted report', () => {
  it('is stored once per form, however often the form comes, and each team member gets its card once', async () => {
    const world = useCaseWorld();
    const first = await world.submit(people.reporter, aReport(school), 'form-1');
    const again = await world.submit(people.reporter, aReport(school), 'form-1');
    expect(again.duplicate).toBe(true);
    expect(again.case.id).toBe(first.case.id);
    expect(await world.store.listCasesByReporter(tenantId, people.reporter, 10)).toHaveLength(1);
    expect(world.sentAbout(first.case, 'case_card')).toEqual(farTeam);
  });

  it('audits the first submission of a form and each repeat on the one case, and discloses it to the team once', async () => {
    const world = useCaseWorld();
    const first = await world.submit(people.reporter, aReport(school), 'form-1');
    await world.submit(people.reporter, aReport(school), 'form-1');
    const actions = (await world.store.listAudit({ caseId: first.case.id })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('case.'))).toEqual(['case.submitted', 'case.submit_repeated']);
    expect(actions.filter((a) => a === 'disclosure')).toHaveLength(1);
  });

  it('plans the reminders of a stored case again when its form comes again (a case left without them and off the list)', async () => {
    const world = useCaseWorld();
    // A case stored with neither its reminders nor its mark on the list of cases awaiting them.
    const withoutReminders: CaseStore = Object.assign(Object.create(world.store) as CaseStore, {
      createCase: (newCase: NewCase, year: number, w?: NewCaseWith) => world.store.createCase(newCase, year, w && withoutMark(w)),
    });
    const first = await submitReport({ ...world.deps, store: withoutReminders }, { actor: world.actor(people.reporter), formId: 'form-1', draft: aReport(school) });
    if (!first.ok) throw new Error(`report refused: ${first.error.code}`);
    expect(await world.store.listRemindersForCase(first.value.case.id)).toEqual([]);
    await world.submit(people.reporter, aReport(school), 'form-1');
    expect((await world.store.listRemindersForCase(first.value.case.id)).map((r) => r.status)).toContain('pending');
  });

  it('is answered once stored with its audit rows, on the lists of cases awaiting first messages and reminders, which are planned after the answer as its state calls for', async () => {
    const world = useCaseWorld();
    const submitted = await submitReport(world.deps, { actor: world.actor(people.reporter), formId: 'form-1', draft: aReport(school) });
    if (!submitted.ok) throw new Error(`report refused: ${submitted.error.code}`);
    const c = submitted.value.case;
    expect((await world.store.listAudit({ caseId: c.id })).map((e) => e.action)).toContain('case.submitted');
    expect(await world.store.listCasesAwaitingFirstMessages(10)).toEqual([c.id]);
    expect(await world.store.listCasesAwaitingReminders(10)).toEqual([c.id]);
    expect(await world.store.listRemindersForCase(c.id)).toEqual([]);
    await world.drainer.idle();
    expect(world.sentAbout(c, 'case_card')).toEqual([]);

    expect(await planAwaitingFirstMessages(world.deps, 16)).toEqual({ listed: 1, planned: 1, failed: [] });
    expect(await world.store.listCasesAwaitingFirstMessages(10)).toEqual([]);
    await world.drainer.idle();
    expect(world.sentAbout(c, 'case_card')).toEqual(farTeam);

    const round = await planAwaitingReminders(world.deps, 16);
    expect(round).toEqual({ listed: 1, planned: 1, failed: [] });
    const expected = reminderPlansFor(world.deps, c, world.deps.clock.now()).map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await world.store.listRemindersForCase(c.id)).map((r) => r.id).sort()).toEqual(expected);
    expect(await world.store.listCasesAwaitingReminders(10)).toEqual([]);
  });

  it('makes a second case of a second form about the same pupil', async () => {
    const world = useCaseWorld();
    await world.submit(people.reporter, aReport(school), 'form-1');
    await world.submit(people.reporter, aReport(school), 'form-2');
    expect(await world.store.listCasesByReporter(tenantId, people.reporter, 10)).toHaveLength(2);
  });

  it("reaches the routed team's members personally while the team has no channel, and nobody else", async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school));
    expect(c.routing.sstTeamId).toBe('FAR-SST-1');
    expect(world.messenger.sent.map((s) => s.to).sort()).toEqual(farTeam);
    // Nothing is updated on a card that was just sent, and the reporter's confirmation is the turn's own answer.
    expect(world.messenger.updated).toEqual([]);
    expect(world.statusesTo(person(people.reporter), c)).toEqual([]);
  });

  it("reaches only the team's channel once a coordinator linked it", async () => {
    const world = useCaseWorld();
    await world.linkInbox('FAR-SST-1', people.farCoordinator);
    const { case: c } = await world.submit(people.reporter, aReport(school));
    expect(world.sentAbout(c, 'case_card')).toEqual([inbox('FAR-SST-1')]);
  });

  it('reaches the channel and every member personally when the team asks for personal delivery too', async () => {
    const directory = {
      ...testDirectory,
      sstTeams: testDirectory.sstTeams.map((t) => (t.id === 'FAR-SST-1' ? { ...t, personalDelivery: 'always' as const } : t)),
    };
    const world = useCaseWorld({ directory });
    await world.linkInbox('FAR-SST-1', people.farCoordinator);
    const { case: c } = await world.submit(people.reporter, aReport(school));
    expect(world.sentAbout(c, 'case_card')).toEqual([inbox('FAR-SST-1'), ...farTeam].sort());
  });

  it("reaches the district's fallback contact alone when no team serves the school", async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport('nin-franska-skolan'));
    expect(c.routing.sstTeamId).toBeUndefined();
    expect(world.sentAbout(c, 'case_card')).toEqual([person(people.ninFallbackContact)]);
  });

  it("reaches the city-wide team's members for an upper-secondary pupil", async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport('kun-kungsholmens-vastra-gymnasium', { yearGroup: 10, pupilAgeBand: 'under_18' }));
    const cityTeam = testDirectory.sstTeams.find((t) => t.id === 'CITY-SS1');
    const members = [...new Set([...(cityTeam?.members ?? []), ...(cityTeam?.coordinators ?? [])].map((p) => p.id))].map(person).sort();
    expect(members.length).toBeGreaterThan(0);
    expect(c.routing.sstTeamId).toBe('CITY-SS1');
    expect(world.sentAbout(c, 'case_card')).toEqual(members);
  });

  it('with suspected harm, reaches the unit of the home district at once as an urgent handover, beside the team', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { suspectedHarm: true, concernReportedOn: '2026-11-23' }));
    expect(c.handover).toMatchObject({ unitId: 'FAR-INV', urgent: true, state: 'pending' });
    expect(world.sentAbout(c, 'handover_card')).toEqual([people.farInvestigator1, people.farInvestigator2].map(person).sort());
    expect(world.sentAbout(c, 'case_card')).toEqual(farTeam);
  });

  it('stores nothing and tells nobody about a pupil with protected personal data, and audits the refusal', async () => {
    const world = useCaseWorld();
    const refused = await submitReport(world.deps, { actor: world.actor(people.reporter), formId: 'form-1', draft: aReport(school, { protectedIdentity: true }) });
    await world.settle();
    expect(refused.ok ? 'stored' : refused.error.code).toBe('protected_identity');
    expect(await world.store.listCasesByReporter(tenantId, people.reporter, 10)).toEqual([]);
    expect(await world.store.outbox.nextDueAt()).toBeUndefined();
    expect(world.messenger.sent).toEqual([]);
    expect((await world.store.listAudit({})).map((e) => e.action)).toEqual(['report.refused_protected_identity']);
  });

  it('stores nothing and tells nobody about a form that breaks a rule', async () => {
    const world = useCaseWorld();
    const refused = await submitReport(world.deps, { actor: world.actor(people.reporter), formId: 'form-1', draft: aReport(school, { suspectedHarm: true }) });
    await world.settle();
    expect(refused.ok ? [] : refused.error.code === 'invalid_field' && refused.error.fields.map((f) => f.field)).toEqual(['concernReportedOn']);
    expect(await world.store.listCasesByReporter(tenantId, people.reporter, 10)).toEqual([]);
    expect(world.messenger.sent).toEqual([]);
  });

  it("sends an anonymous question to the school's team like a report", async () => {
    const world = useCaseWorld();
    const asked = await submitConsultation(world.deps, { actor: world.actor(people.reporter), formId: 'form-q', draft: { schoolId: school, reporterRole: 'teacher', question: 'Hur gör vi?' } });
    await world.settle();
    if (!asked.ok) throw new Error(`question refused: ${asked.error.code}`);
    expect(world.sentAbout(asked.value.case, 'case_card')).toEqual(farTeam);
  });
  it('audits an anonymous question once, however often its form comes', async () => {
    const world = useCaseWorld();
    const ask = () =>
      submitConsultation(world.deps, { actor: world.actor(people.reporter), formId: 'form-q', draft: { schoolId: school, reporterRole: 'teacher', question: 'Hur gör vi?' } });
    const asked = await ask();
    await ask();
    if (!asked.ok) throw new Error(`question refused: ${asked.error.code}`);
    expect((await world.store.listAudit({ caseId: asked.value.case.id })).map((e) => e.action)).toEqual(['consultation.asked']);
  });
});

/** What a new case brings with it, without its mark on the list of cases awaiting their reminders. */
function withoutMark(w: NewCaseWith): NewCaseWith {
  const { reminders: _mark, ...rest } = w;
  return rest;
}
