import { afterEach, describe, expect, it } from 'vitest';
import en from '../../src/adapters/teams/i18n/en.json';
import sv from '../../src/adapters/teams/i18n/sv.json';
import type { Case } from '../../src/domain/case/case';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, pressAs, storedCase, submitReport, TeamInboxes, textOf } from '../support/team-inboxes';
import { attentionTexts, TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

/**
 * What the reporter sees, read the way the reporter reads it: the form, the confirmation, the messages in
 * their chat, `mina ärenden` and their own view of the case card (domain/access/reporter-status.ts).
 */
const dir = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const farUnit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const skarholmen = dir.districts.find((d) => d.code === 'SKA');
const farsta = dir.districts.find((d) => d.code === 'FAR');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const worker = user(team?.members[0]?.id);
const investigator = user(farUnit?.contacts[0]?.id);
const reporter = aTeacher(1);

/** Words that would tell the school that social services have the pupil's case (OSL 26 kap. 1 §). */
const socialServicesWords = /socialtjänst|överlämn|kvitter|utredning|social services|handed over|acknowledged|investigation/i;

/**
 * What a card tells about the case, without its form fields: the consent form's fixed choices (which may name
 * the investigation unit as a possible recipient) say nothing about where this case went.
 */
const toldOf = (card: unknown): string => {
  const strip = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(strip)
      : typeof node === 'object' && node !== null
        ? String(Reflect.get(node, 'type') ?? '').startsWith('Input.')
          ? {}
          : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, strip(v)]))
        : node;
  return textOf(strip(card));
};

let bot: RunningBot;
afterEach(async () => {
  await bot.stop();
});

async function start(now = '2026-11-24T09:00:00.000Z'): Promise<{ inboxes: TeamInboxes; teacher: TeamsClient }> {
  bot = await new RunningBot({ now }).start();
  return { inboxes: new TeamInboxes(bot), teacher: new TeamsClient(bot, reporter) };
}

const textsTo = (inboxes: TeamInboxes, who: TeamsUser, reference: string): string[] =>
  inboxes
    .messagesTo(who.aadObjectId)
    .map((m) => String(m.text ?? ''))
    .filter((t) => t.includes(reference));

/** The status line `mina ärenden` shows for `reference`, and everything the list says about it. */
async function myCasesEntry(teacher: TeamsClient, reference: string): Promise<string> {
  const replies = await teacher.say('mina ärenden');
  const list = replies.map(cardOf).find((c) => textOf(c).includes(sv.myCases.title));
  const text = textOf(list);
  const start = text.indexOf(reference);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, start + 400).split(sv.myCases.submitted.split('{')[0] ?? '')[0] ?? '';
}

async function act(c: Case, who: TeamsUser, verb: string, data: Record<string, unknown> = {}): Promise<Case> {
  const current = await storedCase(bot, c.id);
  await pressAs(bot, who, verb, { caseId: c.id, version: current.version, ...data });
  return storedCase(bot, c.id);
}

describe('the reporter of an ordinary referral hears the school side only', () => {
  it('gets "taken" and "closed", never that the case went to social services, and `mina ärenden` agrees at every step', async () => {
    const { inboxes, teacher } = await start();
    const submitted = await submitReport(bot, teacher, school);
    const ref = submitted.reference;

    await act(submitted, worker, 'case.take');
    expect(await myCasesEntry(teacher, ref)).toContain(sv.reporterStatuses.in_progress);
    const taken = textsTo(inboxes, reporter, ref);
    expect(taken).toHaveLength(1);
    expect(taken.join('\n')).not.toMatch(socialServicesWords);

    await act(submitted, worker, 'case.hand_over', {
      handoverSummary: 'Frånvaron har ökat trots anpassningar.',
      handoverGround: 'consent',
      handoverUrgent: 'false',
    });
    await act(submitted, investigator, 'handover.acknowledge', { responsibleId: '' });
    await act(submitted, investigator, 'handover.report_outcome', { handoverOutcome: 'investigation_opened' });
    expect((await storedCase(bot, submitted.id)).handover?.outcome?.outcome).toBe('investigation_opened');

    // Nothing new reached the reporter while social services worked, and their views still say the same.
    expect(textsTo(inboxes, reporter, ref)).toEqual(taken);
    const entry = await myCasesEntry(teacher, ref);
    expect(entry).toContain(sv.reporterStatuses.in_progress);
    expect(entry).not.toMatch(socialServicesWords);
    const ownView = await pressAs(bot, reporter, 'case.view', { caseId: submitted.id });
    expect(textOf(ownView.card)).toContain(sv.reporterStatuses.in_progress);
    expect(toldOf(ownView.card)).not.toMatch(socialServicesWords);
    expect(textOf(ownView.card)).not.toContain(sv.reporterFeedback.investigation_opened);

    await act(submitted, worker, 'case.close', { outcome: 'handed_to_investigation' });
    expect(textsTo(inboxes, reporter, ref)).toEqual([...taken, sv.statusMessages.closed.replace('{reference}', ref)]);
    expect(await myCasesEntry(teacher, ref)).toContain(sv.reporterStatuses.closed);
    const disclosures = (await bot.store.listAudit({ caseId: submitted.id })).filter((e) => e.action === 'disclosure');
    expect(disclosures.map((e) => e.detail?.what)).not.toContain('concern_feedback');
  });
});

describe('the reporter of a duplicate', () => {
  it('is told the case was merged, and `mina ärenden` says the same', async () => {
    const { inboxes, teacher } = await start();
    const first = await submitReport(bot, teacher, school);
    const secondReporter = aTeacher(2);
    const secondTeacher = new TeamsClient(bot, secondReporter);
    const second = await submitReport(bot, secondTeacher, school, { pupilInitials: 'k.l.' });
    await act(second, user(team?.coordinators[0]?.id), 'case.merge', { intoCaseId: first.id });
    expect((await storedCase(bot, second.id)).state).toBe('merged');
    expect(textsTo(inboxes, secondReporter, second.reference)).toEqual([sv.statusMessages.merged.replace('{reference}', second.reference)]);
    expect(await myCasesEntry(secondTeacher, second.reference)).toContain(sv.reporterStatuses.merged);
  });
});

describe('a reporter who made a report of concern', () => {
  it('hears nothing while the unit acknowledges, then gets the feedback the law allows, audited as a disclosure', async () => {
    const { inboxes, teacher } = await start();
    const submitted = await submitReport(bot, teacher, school, { suspectedHarm: 'true', concernReportedOn: '2026-11-23' });
    const ref = submitted.reference;
    expect(submitted.handover?.unitId).toBe('FAR-INV');

    await act(submitted, investigator, 'handover.acknowledge', { responsibleId: '' });
    expect(textsTo(inboxes, reporter, ref)).toEqual([]);
    expect(await myCasesEntry(teacher, ref)).not.toMatch(socialServicesWords);

    await act(submitted, investigator, 'handover.report_outcome', { handoverOutcome: 'not_opened' });
    const feedback = `${sv.reporterFeedback.title}: ${sv.reporterFeedback.not_opened}`;
    const [message] = inboxes.messagesTo(reporter.aadObjectId).filter((m) => String(m.text ?? '').includes(ref));
    expect(String(message?.text)).toBe(
      sv.statusMessages.concernFeedback.replace('{reference}', ref).replace('{outcome}', sv.reporterFeedback.not_opened),
    );
    // The lock-screen preview carries the reference only.
    expect(String(message?.summary)).not.toContain(sv.reporterFeedback.not_opened);
    expect(await myCasesEntry(teacher, ref)).toContain(feedback);
    const ownView = await pressAs(bot, reporter, 'case.view', { caseId: submitted.id });
    expect(textOf(ownView.card)).toContain(sv.reporterFeedback.not_opened);

    const disclosures = (await bot.store.listAudit({ caseId: submitted.id })).filter((e) => e.action === 'disclosure');
    expect(disclosures.map((e) => e.detail)).toContainEqual({
      what: 'concern_feedback',
      to: `reporter:${reporter.aadObjectId}`,
      legalGround: 'reporter_feedback',
      fromAuthority: 'district_committee:FAR',
      toAuthority: 'education_committee',
    });
  });
});

describe('the duty to report, as the reporter reads it', () => {
  it('the report form says a request to the team is not a report of concern, and names the duty', async () => {
    const { teacher } = await start();
    const [reply] = await teacher.say('anmäl');
    const text = textOf(cardOf(reply));
    expect(text).toContain(sv.reportForm.harmWarning);
    expect(text).toContain(dir.legal.reportingDuty.sv);
  });

  it("a form sent with suspected harm but no report date comes back with the home district's official channel", async () => {
    const { teacher } = await start();
    const result = await teacher.press('report.submit', aReportPayload(school, { suspectedHarm: 'true', concernReportedOn: '', homeDistrict: 'SKA' }));
    expect(attentionTexts(result.card).join('\n')).toContain(skarholmen?.concernReportChannel.sv ?? 'missing');
  });

  it("the confirmation of suspected harm repeats the duty and shows the home district's official channel", async () => {
    const { teacher } = await start();
    const result = await teacher.press('report.submit', aReportPayload(school, { suspectedHarm: 'true', concernReportedOn: '2026-11-23', homeDistrict: 'SKA' }));
    const text = textOf(result.card);
    expect(text).toContain('inte ersätter din personliga orosanmälan');
    expect(text).toContain(sv.reportConfirmation.channelIntro);
    expect(text).toContain(skarholmen?.concernReportChannel.sv ?? 'missing');
    expect(text).toContain(dir.legal.reportingDuty.sv);
    expect(text).toContain(sv.reporterStatuses.received);
    expect(text).not.toMatch(/överlämnat|kvitterat/i);
  });

  it('an ordinary confirmation shows the status the reporter will hear about, with no out-of-hours box', async () => {
    const { teacher } = await start('2026-11-24T19:00:00.000Z');
    const text = textOf((await teacher.press('report.submit', aReportPayload(school))).card);
    expect(text).toContain(sv.reporterStatuses.received);
    expect(text).not.toContain(sv.reportConfirmation.emergency);
  });
});

describe('out-of-hours help on the confirmation of suspected harm', () => {
  const harm = { suspectedHarm: 'true', concernReportedOn: '2026-11-20', homeDistrict: 'SKA' };

  it.each([
    ['on a weekday evening', '2026-11-24T18:30:00.000Z'],
    ['early on a weekday morning', '2026-11-24T05:00:00.000Z'],
    ['on a Saturday', '2026-11-28T10:00:00.000Z'],
    ['on Christmas Day', '2026-12-25T10:00:00.000Z'],
  ])('shows the social emergency service and 112 %s', async (_when, now) => {
    const { teacher } = await start(now);
    const text = textOf((await teacher.press('report.submit', aReportPayload(school, harm))).card);
    expect(text).toContain(skarholmen?.outOfHoursContact.sv ?? 'missing');
    expect(text).toContain(sv.reportConfirmation.emergency);
  });

  it('shows neither in office hours, when the intake unit answers', async () => {
    const { teacher } = await start('2026-11-24T09:00:00.000Z');
    const text = textOf((await teacher.press('report.submit', aReportPayload(school, harm))).card);
    expect(text).not.toContain(skarholmen?.outOfHoursContact.sv ?? 'missing');
    expect(text).not.toContain(sv.reportConfirmation.emergency);
  });

  it("falls back to the school district's service when the home district is not known, in English too", async () => {
    await start('2026-11-28T10:00:00.000Z');
    const english = new TeamsClient(bot, aTeacher(2, 'en-US'));
    const text = textOf((await english.press('report.submit', aReportPayload(school, { ...harm, homeDistrict: 'unknown' }))).card);
    expect(text).toContain(farsta?.outOfHoursContact.en ?? 'missing');
    expect(text).toContain(en.reportConfirmation.emergency);
  });
});
