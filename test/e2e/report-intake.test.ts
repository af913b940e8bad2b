import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aBotInstall, anInvoke } from '../support/activities';
import { aTeacher } from '../support/activities';
import { aReportPayload, aSchoolIn, inputValues } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { attentionTexts, cardOf, TeamsClient, textOf } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';
import { pressAs } from '../support/team-inboxes';
import { catalogue } from '../../src/adapters/teams/i18n/i18n';

const dir = loadSampleDirectory();
const farsta = aSchoolIn(dir, 'FAR');

describe('a teacher reports worrying absence through the card, over real HTTP', () => {
  let bot: RunningBot;
  let teacher: TeamsClient;

  beforeEach(async () => {
    bot = await new RunningBot().start();
    teacher = new TeamsClient(bot, aTeacher(1));
  });
  afterEach(async () => {
    await bot.stop();
  });

  it.each(['begär stöd', 'anmäl'])('answers `%s` with the form for a request for support (the old word still works)', async (command) => {
    const [reply] = await teacher.say(command);
    const card = cardOf(reply);
    expect(card?.type).toBe('AdaptiveCard');
    expect(Object.keys(inputValues(card))).toEqual(expect.arrayContaining(['school', 'pupilInitials', 'absenceTotal', 'suspectedHarm']));
    expect(textOf(card)).toContain('Begäran om stöd från skolsociala teamet');
  });

  it('creates exactly one persisted case with reference, district and support level, and confirms in place', async () => {
    const result = await teacher.press('report.submit', aReportPayload(farsta));
    expect(result.status).toBe(200);
    expect(result.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = textOf(result.card);
    const reference = /FAR-2026-\d{4}/.exec(text)?.[0];
    expect(reference).toBeDefined();

    const cases = await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10);
    expect(cases).toHaveLength(1);
    const stored = cases[0];
    expect(stored?.reference).toBe(reference);
    expect(stored?.routing.schoolDistrictCode).toBe('FAR');
    expect(stored?.routing.sstTeamId).toBe(farsta.sstTeamId);
    expect(stored?.supportLevel).toBe('sst');
    expect(stored?.state).toBe('new');
    const team = dir.sstTeams.find((t) => t.id === farsta.sstTeamId);
    expect(text).toContain(team?.name);
  });

  it.each<[string, Record<string, string>, string]>([
    ['unexcused above total', { absenceTotal: '10', absenceUnexcused: '25' }, 'absenceUnexcused'],
    ['dates in the wrong order', { absenceFrom: '2026-11-20', absenceTo: '2026-09-01' }, 'absenceTo'],
    ['percent above 100', { absenceTotal: '140' }, 'absenceTotal'],
    ['an unknown school', { school: 'no-such-school' }, 'school'],
    ['a description that is too long', { description: 'lång text '.repeat(60) }, 'description'],
    ['a personnummer in the description', { description: 'Eleven har nr 811218-9876' }, 'description'],
    ['missing initials', { pupilInitials: '' }, 'pupilInitials'],
    ['suspected harm without a report of concern', { suspectedHarm: 'true', concernReportedOn: '' }, 'concernReportedOn'],
  ])('sends the form back with values kept and a message when %s', async (_name, override, _field) => {
    const payload = aReportPayload(farsta, override);
    const result = await teacher.press('report.submit', payload);
    expect(result.status).toBe(200);
    const values = inputValues(result.card);
    for (const [id, value] of Object.entries(payload)) {
      if (id === 'formId') continue;
      expect(String(values[id] ?? ''), `input ${id}`).toBe(value);
    }
    expect(attentionTexts(result.card).length).toBeGreaterThanOrEqual(2);
    expect(await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10)).toHaveLength(0);
  });

  it('never stores a personnummer, even one hidden in the initials field', async () => {
    await teacher.press('report.submit', aReportPayload(farsta, { pupilInitials: '8112189876' }));
    await teacher.press('report.submit', aReportPayload(farsta, { description: 'se 19811218-9876' }));
    const cases = await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10);
    expect(cases).toHaveLength(0);
  });

  it('turns a double click and a retried invoke into one case', async () => {
    const payload = aReportPayload(farsta);
    const [a, b] = await Promise.all([teacher.press('report.submit', payload), teacher.press('report.submit', payload)]);
    const again = await teacher.press('report.submit', payload);
    const refs = [a, b, again].map((r) => /FAR-2026-\d{4}/.exec(textOf(r.card))?.[0]);
    expect(new Set(refs).size).toBe(1);
    const cases = await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10);
    expect(cases).toHaveLength(1);
  });

  it('stores nothing for a pupil with protected personal data and points to the manual routine', async () => {
    const result = await teacher.press('report.submit', aReportPayload(farsta, { protectedIdentity: 'true' }));
    expect(result.card).toBeDefined();
    expect(inputValues(result.card)).not.toHaveProperty('pupilInitials');
    expect(await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10)).toHaveLength(0);
  });

  it('keeps the case across a restart and lists it under `mina ärenden`', async () => {
    const result = await teacher.press('report.submit', aReportPayload(farsta));
    const reference = /FAR-2026-\d{4}/.exec(textOf(result.card))?.[0];
    await bot.restart();
    const [reply] = await teacher.say('mina ärenden');
    expect(textOf(cardOf(reply))).toContain(reference);
  });

  it('lists the commands of school-social teams and investigation units in the help, and the bot knows each of them', async () => {
    const [reply] = await teacher.say('hjälp');
    const text = textOf(cardOf(reply));
    for (const command of ['begär stöd', 'mina ärenden', 'mina överlämningar', 'begär underlag', 'registrera', 'historik', 'statistik'])
      expect(text).toContain(`**${command}**`);
    // Every bold command word the help and the app's command menu name is one the bot answers, also alone as the
    // menu sends it (not its "I did not understand").
    const fallback = String((await teacher.say('blomkål'))[0]?.text ?? '');
    for (const command of ['mina överlämningar', 'begär underlag', 'registrera', 'historik', 'statistik']) {
      const [answer] = await teacher.say(command);
      expect(String(answer?.text ?? '') + textOf(cardOf(answer)), command).not.toBe(fallback);
    }
  });

  it('speaks English when the Teams locale is English', async () => {
    const english = new TeamsClient(bot, aTeacher(2, 'en-US'));
    const [sv] = await teacher.say('hjälp');
    const [en] = await english.say('help');
    expect(textOf(cardOf(en))).not.toBe(textOf(cardOf(sv)));
    expect(textOf(cardOf(en))).toMatch(/report/i);
  });

  it('greets a user with a welcome card that shows the new command and the personal duty to report', async () => {
    const res = await teacher.post(aBotInstall(aTeacher(1), bot.serviceUrl));
    expect(res.status).toBe(200);
    const sent = bot.connector.sent();
    const card = cardOf(sent[sent.length - 1]);
    expect(card?.type).toBe('AdaptiveCard');
    const text = textOf(card);
    expect(text).toContain('**begär stöd**');
    expect(text).toContain('En begäran om stöd är inte en orosanmälan');
    expect(text).toContain(dir.legal.reportingDuty.sv);
  });

  describe('a remit beyond absence', () => {
    const noAbsence = { absenceFrom: '', absenceTo: '', absenceTotal: '', absenceUnexcused: '', longestRun: '', patterns: '' };

    it('takes a request about violence with no absence figures, and says the suggestion rests on the concern', async () => {
      const result = await teacher.press('report.submit', aReportPayload(farsta, { ...noAbsence, concerns: 'violence' }));
      expect(result.status).toBe(200);
      const text = textOf(result.card);
      expect(text).toContain('Stödbegäran är mottagen');
      expect(text).toContain('Förslaget bygger på');
      expect(text).toContain('Den oro du angav (du lämnade inga frånvarouppgifter)');
      const [stored] = await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10);
      expect(stored?.absence).toBeUndefined();
      expect(stored?.concerns).toEqual(['violence']);
      expect([stored?.supportLevel, stored?.supportBasis]).toEqual(['sst', 'concerns']);
    });

    it('asks for the absence figures, or another concern, when a request has neither', async () => {
      const result = await teacher.press('report.submit', aReportPayload(farsta, { ...noAbsence, concerns: '' }));
      expect(attentionTexts(result.card)).toContain(
        'Ange frånvarouppgifterna, eller välj vilken annan oro det gäller under ”Annan oro”. Utan annan oro behövs frånvarouppgifterna.',
      );
      expect(await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10)).toHaveLength(0);
    });

    it.each([
      ['lives in Järva too', 'JAR', 'intensive'],
      ['lives in Bromma, which has no SST+', 'BRO', 'sst'],
      ['lives in another municipality', 'other_municipality', 'sst'],
    ])('suggests SST+ for a Järva pupil with high absence only when the pupil also %s', async (_lives, home, level) => {
      const jarva = aSchoolIn(dir, 'JAR');
      await teacher.press('report.submit', aReportPayload(jarva, { homeDistrict: home, absenceTotal: '70', absenceUnexcused: '40' }));
      const [stored] = await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10);
      expect(stored?.supportLevel).toBe(level);
    });

    it('says an absence-based suggestion rests on the absence figure', async () => {
      const result = await teacher.press('report.submit', aReportPayload(farsta));
      expect(textOf(result.card)).toContain('Frånvaron, 32 %');
    });
  });

  it('takes an anonymous question to the team without any pupil fields', async () => {
    const opened = await teacher.press('consultation.open', {});
    expect(Object.keys(inputValues(opened.card)).sort()).toEqual(['question', 'reporterRole', 'school']);
    const formId = 'consultation-form-0001';
    const result = await teacher.press('consultation.submit', { formId, school: farsta.id, reporterRole: 'teacher', question: 'Hur gör vi med en elev som ofta kommer sent?' });
    const reference = /FAR-2026-\d{4}/.exec(textOf(result.card))?.[0];
    expect(reference).toBeDefined();
    const [stored] = await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(1).aadObjectId, 10);
    expect(stored?.kind).toBe('consultation');
    expect(stored?.pupil).toBeUndefined();
    expect(stored?.routing.investigationUnitId).toBeUndefined();
  });

  it("marks the log lines of a turn with the activity's id, and the outbox's later sends with their delivery keys", async () => {
    await teacher.post({ ...anInvoke(teacher.user, bot.serviceUrl, 'report.submit', aReportPayload(farsta)), id: 'activity-correlation-1' });
    await bot.idle();
    const lines = bot.logs.events().filter((e) => e.correlationId === 'activity-correlation-1');
    expect(lines.map((e) => e.event)).toContain('case.submitted');
    const caseId = lines.find((e) => e.event === 'case.submitted')?.caseId;
    const delivered = bot.logs.events().filter((e) => e.event === 'outbox.delivered');
    const sent = delivered.map((e) => String(e.deliveryKey));
    expect(sent.filter((key) => key.startsWith(`case:${String(caseId)}:card:`))).toHaveLength(3);
    // A drain round sends for whichever turns queued messages: it carries no turn's id.
    expect(delivered.filter((e) => e.correlationId !== undefined)).toEqual([]);
  });

  it('writes no pupil initials or free text to the logs', async () => {
    await teacher.press('report.submit', aReportPayload(farsta, { pupilInitials: 'QZ', description: 'Unikt fritextmärke XYZZY' }));
    await teacher.press('report.submit', aReportPayload(farsta, { pupilInitials: 'QZ', absenceTotal: '900', description: 'Unikt fritextmärke XYZZY' }));
    expect(bot.logs.lines.length).toBeGreaterThan(0);
    expect(bot.logs.contains('XYZZY')).toBe(false);
    expect(bot.logs.lines.some((l) => /"QZ"/.test(l))).toBe(false);
  });
});

describe("the pupil's home district is the reporter's choice, never a guess", () => {
  const sv = catalogue('sv');
  let bot: RunningBot;
  let teacher: TeamsClient;
  const stored = () => bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(5).aadObjectId, 10);

  beforeEach(async () => {
    bot = await new RunningBot().start();
    teacher = new TeamsClient(bot, aTeacher(5));
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('offers the 11 districts, another municipality and "don\'t know", with nothing preselected', async () => {
    const card = cardOf((await teacher.say('anmäl'))[0]);
    expect(inputValues(card).homeDistrict ?? '').toBe('');
    const choices = choicesOf(card, 'homeDistrict');
    expect(choices).toEqual([...dir.districts.map((d) => d.code), 'other_municipality', 'unknown']);
  });

  it.each([
    ['without a choice', ''],
    ['with the "same as the school" default of an older card', 'same'],
  ])('sends a report %s back with every value kept and a message under the field', async (_name, homeDistrict) => {
    const payload = aReportPayload(farsta, { homeDistrict, suspectedHarm: 'true', concernReportedOn: '2026-11-20' });
    const result = await teacher.press('report.submit', payload);
    const values = inputValues(result.card);
    for (const [id, value] of Object.entries(payload)) if (id !== 'formId' && id !== 'homeDistrict') expect(String(values[id] ?? ''), `input ${id}`).toBe(value);
    expect(attentionTexts(result.card)).toContain(sv.fieldErrors.home_district_required);
    expect(await stored()).toHaveLength(0);
  });

  it('flags "don\'t know" on a report of suspected harm instead of sending it to the school\'s district, and tells everyone', async () => {
    const result = await teacher.press('report.submit', aReportPayload(farsta, { homeDistrict: 'unknown', suspectedHarm: 'true', concernReportedOn: '2026-11-20' }));
    const confirmation = textOf(result.card);
    expect(confirmation).toContain(sv.reportConfirmation.homeUnknown);
    expect(confirmation).toContain(sv.reportConfirmation.urgentTextNoUnit);
    const farChannel = dir.districts.find((d) => d.code === 'FAR')?.concernReportChannel.sv ?? 'missing';
    expect(confirmation).toContain(sv.report.channel.unknownHome.replace('{channel}', farChannel));

    const [c] = await stored();
    expect(c?.routing).toMatchObject({ urgent: true, flags: ['home_district_unknown'] });
    expect(c?.routing.investigationUnitId).toBeUndefined();
    expect(c?.routing.homeDistrictCode).toBeUndefined();
    expect(c?.routing.reasons).toContainEqual({ code: 'home_district_unknown' });
    expect(c?.handover).toBeUndefined();

    const worker = dir.sstTeams.find((t) => t.id === farsta.sstTeamId)?.members[0]?.id ?? 'missing';
    const teamView = await pressAs(bot, { aadObjectId: worker, name: 'Test' }, 'case.view', { caseId: c?.id });
    expect(textOf(teamView.card)).toContain(sv.routingReasons.home_district_unknown);
    expect(textOf(teamView.card)).toContain(sv.caseCard.homeUnknown);
  });
});

/** The `value`s of a ChoiceSet's choices, in order. */
function choicesOf(card: unknown, id: string): string[] {
  const found: string[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      if (Reflect.get(node, 'id') === id) {
        const choices: unknown = Reflect.get(node, 'choices');
        if (Array.isArray(choices)) found.push(choices.map((ch: unknown) => String(Reflect.get(Object(ch), 'value'))));
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found[0] ?? [];
}
