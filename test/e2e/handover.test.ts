import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, deliveredTo, person, pressAs, storedCase, submitReport, TeamInboxes, textOf } from '../support/team-inboxes';
import { buttonsOf, TeamsClient, type InvokeResult } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const farUnit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const skaUnit = dir.investigationUnits.find((u) => u.id === 'SKA-INV');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const worker = user(team?.members[0]?.id);
const investigator1 = user(farUnit?.contacts[0]?.id);
const investigator2 = user(farUnit?.contacts[1]?.id);
const stranger = user(skaUnit?.contacts[0]?.id);

describe('handing a case over to the investigation unit', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  let teacher: TeamsClient;
  let submitted: Case;
  const current = (): Promise<Case> => storedCase(bot, submitted.id);
  const press = (who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeResult> =>
    pressAs(bot, who, verb, { caseId: submitted.id, ...data });
  const handOver = async (): Promise<void> => {
    await press(worker, 'case.take', { version: submitted.version });
    const c = await current();
    await press(worker, 'case.hand_over', {
      version: c.version,
      handoverSummary: 'Frånvaron har ökat trots anpassningar; familjen vill ha stöd.',
      handoverGround: 'consent',
      handoverUrgent: 'false',
    });
  };

  beforeEach(async () => {
    bot = await new RunningBot().start();
    inboxes = new TeamInboxes(bot);
    teacher = new TeamsClient(bot, aTeacher(1));
    submitted = await submitReport(bot, teacher, school, { pupilInitials: 'KL', description: 'Lärarens egen text XYZZY' });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("warns the team member on the hand-over form of their own duty to report", async () => {
    const taken = await press(worker, 'case.take', { version: submitted.version });
    const text = textOf(taken.card);
    expect(buttonsOf(taken.card)).toContain('case.hand_over');
    expect(text).toContain('En överlämning hit är inte en orosanmälan');
    expect(text).toContain('en egen skyldighet att anmäla det till socialtjänstens mottagning');
    expect(text).toContain(dir.legal.reportingDuty.sv);
  });

  it("delivers the handover card to the unit's contacts, without pupil data in the notification", async () => {
    await handOver();
    const c = await current();
    expect(c.state).toBe('handed_over');
    expect(c.handover).toMatchObject({ state: 'pending', unitId: 'FAR-INV', legalGround: 'consent' });
    const deliveries = await bot.store.listDeliveriesForCase(c.id);
    expect(deliveredTo(deliveries, 'handover_card')).toEqual((farUnit?.contacts ?? []).map((p) => person(p.id)).sort());
    const [card] = inboxes.messagesTo(investigator1.aadObjectId).filter((m) => cardOf(m));
    expect(String(card?.summary)).toContain(c.reference);
    expect(JSON.stringify(card)).not.toContain('KL');
    const view = await press(investigator1, 'handover.view', {});
    expect(textOf(view.card)).toContain('familjen vill ha stöd');
    expect(textOf(view.card)).not.toContain('XYZZY');
    expect(buttonsOf(view.card)).toContain('handover.acknowledge');
  });

  it('acknowledges in chat: the team card shows it, and the reporter of the referral is told nothing of it', async () => {
    await handOver();
    const before = await current();
    const acknowledged = await press(investigator1, 'handover.acknowledge', { version: before.version, responsibleId: '' });
    expect(acknowledged.status).toBe(200);
    const after = await current();
    expect(after.handover?.acknowledgement?.responsibleId).toBe(investigator1.aadObjectId);
    const teamView = await press(worker, 'case.view', {});
    expect(textOf(teamView.card)).toContain(farUnit?.contacts[0]?.name);
    // That the pupil's case is with social services is covered by secrecy (OSL 26 kap. 1 §): only "taken" reached them.
    const toReporter = inboxes.messagesTo(aTeacher(1).aadObjectId).map((m) => String(m.text ?? '')).filter((t) => t.includes(after.reference));
    expect(toReporter).toHaveLength(1);
    expect(toReporter.join('\n')).not.toMatch(/socialtjänst|överlämn|kvitter/i);
    expect(toReporter.join('\n')).not.toContain(farUnit?.contacts[0]?.name ?? 'missing');
  });

  it('lets exactly one of two investigators acknowledging at once win, and shows the other who did', async () => {
    await handOver();
    const before = await current();
    const [a, b] = await Promise.all([
      new TeamsClient(bot, investigator1).press('handover.acknowledge', { caseId: before.id, version: before.version }),
      new TeamsClient(bot, investigator2).press('handover.acknowledge', { caseId: before.id, version: before.version }),
    ]);
    await bot.idle();
    const after = await current();
    const winner = after.handover?.acknowledgement?.responsibleId;
    expect([investigator1.aadObjectId, investigator2.aadObjectId]).toContain(winner);
    expect(after.version).toBe(before.version + 1);
    const loser = winner === investigator1.aadObjectId ? b : a;
    expect(buttonsOf(loser.card)).not.toContain('handover.acknowledge');
    const winnerName = [...(farUnit?.contacts ?? [])].find((p) => p.id === winner)?.name ?? 'missing';
    expect(textOf(loser.card)).toContain(winnerName);
  });

  it('forwards to the unit of the district where the pupil lives; the new unit gets the card', async () => {
    await handOver();
    const before = await current();
    await press(investigator1, 'handover.forward', { version: before.version, toUnitId: 'SKA-INV', forwardReason: 'pupil_lives_elsewhere' });
    const after = await current();
    expect(after.handover).toMatchObject({ unitId: 'SKA-INV', state: 'pending' });
    expect(after.handover?.forwards.at(-1)).toMatchObject({ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere' });
    const delivered = deliveredTo(await bot.store.listDeliveriesForCase(after.id), 'handover_card');
    for (const p of skaUnit?.contacts ?? []) expect(delivered).toContain(person(p.id));
    const refused = await press(investigator1, 'handover.acknowledge', { version: after.version });
    expect(buttonsOf(refused.card)).not.toContain('handover.acknowledge');
    expect((await current()).handover?.state).toBe('pending');
  });

  it("asks the team's worker for input; the answer lands on the handover", async () => {
    await handOver();
    await press(investigator1, 'handover.acknowledge', { version: (await current()).version });
    await press(investigator1, 'handover.request_input', { version: (await current()).version, inputQuestion: 'Hur ser skolan på hemsituationen?' });
    const request = (await current()).handover?.inputRequests[0];
    expect(request?.text).toBe('Hur ser skolan på hemsituationen?');
    const card = inboxes.messagesTo(worker.aadObjectId).map(cardOf).find((x) => buttonsOf(x).includes('handover.answer_input'));
    expect(textOf(card)).toContain('Hur ser skolan på hemsituationen?');
    await press(worker, 'handover.answer_input', { questionId: request?.id, inputAnswer: 'Vi ser trötthet på måndagar.' });
    expect((await current()).handover?.inputRequests[0]?.answer?.text).toBe('Vi ser trötthet på måndagar.');
    const audit = await bot.store.listAudit({ caseId: submitted.id });
    const disclosures = audit.filter((e) => e.action === 'disclosure').map((e) => e.detail);
    expect(disclosures).toEqual([
      // Across the line between the school side and the district committee, and the district's own branches.
      { what: 'referral', to: 'FAR-SST-1', legalGround: 'consent', fromAuthority: 'education_committee', toAuthority: 'district_committee:FAR' },
      { what: 'handover', to: 'FAR-INV', legalGround: 'consent', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
      { what: 'input', to: 'FAR-INV', legalGround: 'consent', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
    ]);
  });

  it('reports the outcome, invites the school social worker into the open investigation, and closes', async () => {
    await handOver();
    await press(investigator1, 'handover.acknowledge', { version: (await current()).version });
    await press(investigator1, 'handover.report_outcome', { version: (await current()).version, handoverOutcome: 'investigation_opened' });
    expect((await current()).handover?.outcome?.outcome).toBe('investigation_opened');
    await press(investigator1, 'handover.invite_sst', { version: (await current()).version, inviteGround: 'consent' });
    expect((await current()).handover?.sstInvitation).toMatchObject({ sstWorkerId: worker.aadObjectId, legalGround: 'consent' });
    const toWorker = inboxes.messagesTo(worker.aadObjectId).map((m) => String(m.text ?? ''));
    expect(toWorker.some((t) => t.includes(submitted.reference))).toBe(true);
    const toReporter = inboxes.messagesTo(aTeacher(1).aadObjectId).map((m) => String(m.text ?? '')).join('\n');
    expect(toReporter).not.toMatch(/utredning inleds|investigation_opened|opened/i);
    await press(investigator1, 'handover.close', { version: (await current()).version });
    expect((await current()).handover?.state).toBe('closed');
    const disclosures = (await bot.store.listAudit({ caseId: submitted.id })).filter((e) => e.action === 'disclosure').map((e) => e.detail?.what);
    expect(disclosures).toContain('invitation');
  });

  it("refuses a click by someone outside the unit, and changes nothing", async () => {
    await handOver();
    const before = await current();
    const refused = await press(stranger, 'handover.acknowledge', { version: before.version });
    expect(refused.status).toBe(200);
    expect(await current()).toEqual(before);
    expect((await bot.store.listAudit({ caseId: before.id })).map((e) => e.action)).toContain('case.action_refused');
  });
});

describe('an urgent report of suspected harm', () => {
  let bot: RunningBot;
  beforeEach(async () => {
    bot = await new RunningBot({ now: '2026-11-24T09:00:00.000Z' }).start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("reaches the home district's unit at once as an urgent handover and shows up in `mina överlämningar`", async () => {
    const teacher = new TeamsClient(bot, aTeacher(3));
    const urgent = await submitReport(bot, teacher, school, { suspectedHarm: 'true', concernReportedOn: '2026-11-23', homeDistrict: 'SKA' });
    expect(urgent.handover).toMatchObject({ state: 'pending', unitId: 'SKA-INV', urgent: true, legalGround: 'reporting_duty' });
    const deliveries = await bot.store.listDeliveriesForCase(urgent.id);
    expect(deliveredTo(deliveries, 'handover_card')).toEqual((skaUnit?.contacts ?? []).map((p) => person(p.id)).sort());
    expect(deliveredTo(deliveries, 'case_card').length).toBeGreaterThan(0);
    const [list] = await new TeamsClient(bot, stranger).say('mina överlämningar');
    expect(textOf(cardOf(list))).toContain(urgent.reference);
  });

  it("counts the 14 days from the reporter's report of concern, says so on the card, and keeps counting after a forward", async () => {
    const teacher = new TeamsClient(bot, aTeacher(4));
    // Reported to social services on Friday 20 November; the bot takes it in on Tuesday 24th.
    const urgent = await submitReport(bot, teacher, school, { suspectedHarm: 'true', concernReportedOn: '2026-11-20', homeDistrict: 'FAR' });
    expect(urgent.handover?.assessmentClock).toEqual({ startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' });
    const view = await pressAs(bot, investigator1, 'handover.view', { caseId: urgent.id });
    expect(textOf(view.card)).toContain('14-dagarsgränsen räknas från 2026-11-20, då orosanmälan kom in till socialtjänsten');
    expect(textOf(view.card)).toContain('Förhandsbedömning senast 2026-12-04 (10 dagar kvar)');
    await pressAs(bot, investigator1, 'handover.forward', { caseId: urgent.id, version: urgent.version, toUnitId: 'SKA-INV', forwardReason: 'pupil_lives_elsewhere' });
    const forwarded = await storedCase(bot, urgent.id);
    expect(forwarded.handover).toMatchObject({ unitId: 'SKA-INV', assessmentClock: { startsOn: '2026-11-20', basis: 'report_of_concern' } });
    const atSka = await pressAs(bot, stranger, 'handover.view', { caseId: urgent.id });
    expect(textOf(atSka.card)).toContain('Förhandsbedömning senast 2026-12-04');
  });
});
