import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { pressAs, storedCase, submitReport } from '../support/team-inboxes';
import { TeamsClient, type InvokeResult } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const farUnit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const worker = user(team?.members[0]?.id);
const coordinator = user(team?.coordinators[0]?.id);
const investigator = user(farUnit?.contacts[0]?.id);
/** Same tenant, another district's team: may see nothing of a Farsta case. */
const stranger = user(dir.sstTeams.find((t) => t.id === 'BRO-SST-1')?.members[0]?.id);
const strangerCoordinator = user(dir.sstTeams.find((t) => t.id === 'BRO-SST-1')?.coordinators[0]?.id);
const reporter = aTeacher(1);

/** Every person id in the directory: no refusal may carry one of them other than the asker's own. */
const everyoneIn = (d: Directory): string[] =>
  [
    ...d.sstTeams.flatMap((t) => [...t.members, ...t.coordinators]),
    ...d.investigationUnits.flatMap((u) => [...u.contacts, ...u.managers]),
    ...d.districts.map((x) => x.fallbackContact),
    ...(d.admins ?? []),
  ].map((p) => p.id);

const unknownCase = 'c0ffee00-0000-4000-8000-000000000000';
const unknownId = 'c0ffee00-0000-4000-8000-00000000000f';

/** Every case-bound card verb with a payload its schema accepts, so that each reaches its use case. */
const presses = (c: Case, ids: { questionId: string; inputRequestId: string; reminderId: string }): [string, Record<string, unknown>][] => [
  ['case.view', { caseId: c.id }],
  ['case.take', { caseId: c.id, version: c.version }],
  ['case.ask', { caseId: c.id, version: c.version, question: 'Har eleven syskon på skolan?' }],
  ['case.consent', { caseId: c.id, version: c.version, consentGivenBy: 'both_guardians', consentScope: 'absence', consentValidUntil: '2027-06-30' }],
  ['case.level', { caseId: c.id, version: c.version, level: 'intensive' }],
  ['case.close', { caseId: c.id, version: c.version, outcome: 'attendance_improved' }],
  ['case.close', { caseId: c.id, version: c.version, outcome: '' }],
  ['case.merge', { caseId: c.id, version: c.version, intoCaseId: unknownCase }],
  ['case.answer', { caseId: c.id, questionId: ids.questionId, answer: 'Ja.' }],
  ['case.follow_up', { caseId: c.id, version: c.version, followUpOn: '2026-12-10' }],
  ['case.follow_up', { caseId: c.id, version: c.version, followUpOn: 'snart' }],
  ['case.check_in', { caseId: c.id, checkInTotal: '20', checkInUnexcused: '10' }],
  ['case.hand_over', { caseId: c.id, version: c.version, handoverSummary: 'Sammanfattning.', handoverGround: 'consent', handoverUrgent: 'false' }],
  ['case.hand_over', { caseId: c.id, version: c.version, handoverSummary: 'Sammanfattning.', handoverGround: '' }],
  ['handover.view', { caseId: c.id }],
  ['handover.acknowledge', { caseId: c.id, version: c.version, responsibleId: '' }],
  ['handover.forward', { caseId: c.id, version: c.version, toUnitId: 'SKA-INV', forwardReason: 'pupil_lives_elsewhere' }],
  ['handover.forward', { caseId: c.id, version: c.version, toUnitId: '', forwardReason: '' }],
  ['handover.request_input', { caseId: c.id, version: c.version, inputQuestion: 'Hur går det?' }],
  ['handover.report_outcome', { caseId: c.id, version: c.version, handoverOutcome: 'investigation_opened' }],
  ['handover.report_outcome', { caseId: c.id, version: c.version, handoverOutcome: '' }],
  ['handover.invite_sst', { caseId: c.id, version: c.version, inviteGround: 'consent' }],
  ['handover.close', { caseId: c.id, version: c.version }],
  ['handover.answer_input', { caseId: c.id, questionId: ids.inputRequestId, inputAnswer: 'Bra.' }],
  ['reminder.snooze', { caseId: c.id, reminderId: ids.reminderId }],
];

/** The same press about a case and ids that do not exist. */
const madeUp = (data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, k === 'caseId' ? unknownCase : ['questionId', 'reminderId'].includes(k) ? unknownId : v]));

describe('refusals reveal nothing', () => {
  let bot: RunningBot;
  let handedOver: Case;
  let ids: { questionId: string; inputRequestId: string; reminderId: string };
  const answerOf = (r: InvokeResult) => ({ status: r.status, type: r.type, card: r.card, message: r.message });

  beforeAll(async () => {
    bot = await new RunningBot().start();
    const submitted = await submitReport(bot, new TeamsClient(bot, reporter), school, { pupilInitials: 'KL' });
    const reminder = (await bot.store.listRemindersForCase(submitted.id))[0];
    await pressAs(bot, worker, 'case.take', { caseId: submitted.id, version: submitted.version });
    await pressAs(bot, worker, 'case.ask', { caseId: submitted.id, version: submitted.version + 1, question: 'Har eleven syskon på skolan?' });
    const asked = await storedCase(bot, submitted.id);
    await pressAs(bot, worker, 'case.hand_over', {
      caseId: submitted.id,
      version: asked.version,
      handoverSummary: 'Frånvaron har ökat trots anpassningar.',
      handoverGround: 'consent',
      handoverUrgent: 'false',
    });
    const atUnit = await storedCase(bot, submitted.id);
    await pressAs(bot, investigator, 'handover.acknowledge', { caseId: submitted.id, version: atUnit.version, responsibleId: '' });
    const acknowledged = await storedCase(bot, submitted.id);
    await pressAs(bot, investigator, 'handover.request_input', { caseId: submitted.id, version: acknowledged.version, inputQuestion: 'Hur går det i skolan?' });
    handedOver = await storedCase(bot, submitted.id);
    ids = {
      questionId: handedOver.questions?.[0]?.id ?? 'missing',
      inputRequestId: handedOver.handover?.inputRequests[0]?.id ?? 'missing',
      reminderId: reminder?.id ?? 'missing',
    };
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('has a case with a question, a handover, an input request and a reminder to probe', () => {
    expect(handedOver.state).toBe('handed_over');
    expect(ids).toEqual({ questionId: expect.not.stringMatching(/^missing$/), inputRequestId: expect.not.stringMatching(/^missing$/), reminderId: expect.not.stringMatching(/^missing$/) });
  });

  it('answers a stranger on every card action exactly as it answers about a case that does not exist', async () => {
    for (const [verb, data] of presses(handedOver, ids)) {
      const refused = answerOf(await pressAs(bot, stranger, verb, data));
      const notFound = answerOf(await pressAs(bot, stranger, verb, madeUp(data)));
      expect(refused, verb).toEqual(notFound);
      expect(refused.status, verb).toBe(200);
    }
    expect(await storedCase(bot, handedOver.id)).toEqual(handedOver);
  });

  it.each([
    ['a stranger', stranger],
    ['the reporter', reporter],
  ])('shows %s, whatever they press, no reference, school, pupil or anyone else’s id', async (_who, who) => {
    const others = everyoneIn(dir).filter((id) => id !== who.aadObjectId);
    for (const [verb, data] of presses(handedOver, ids)) {
      const answer = JSON.stringify(answerOf(await pressAs(bot, who, verb, data)));
      for (const id of others) expect(answer.includes(id), `${verb} shows ${id}`).toBe(false);
      expect(answer, verb).not.toContain('Frånvaron har ökat');
      if (who === stranger) {
        expect(answer, verb).not.toContain(handedOver.reference);
        expect(answer, verb).not.toContain(school.name);
      }
    }
  });

  it('answers `historik` the same for a reference that does not exist and one the person may not see', async () => {
    const missing = `FAR-2026-9999`;
    const answerTo = async (who: TeamsUser, reference: string) =>
      (await new TeamsClient(bot, who).say(`historik ${reference}`)).map((m) => JSON.stringify({ text: m.text, attachments: m.attachments }).replaceAll(reference, '<ref>'));
    for (const who of [stranger, strangerCoordinator, worker, reporter]) {
      expect(await answerTo(who, handedOver.reference)).toEqual(await answerTo(who, missing));
    }
    const [own] = await answerTo(coordinator, handedOver.reference);
    expect(own).toContain('attachments');
    const probes = (await bot.store.listAudit({})).filter((e) => e.action === 'case.trail_refused' && e.actorId === stranger.aadObjectId);
    expect(probes.map((e) => [e.caseId, e.detail?.reason])).toEqual([
      [handedOver.id, 'not_authorized'],
      [undefined, 'not_found'],
    ]);
  });
});
