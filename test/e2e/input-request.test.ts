import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/adapters/teams/i18n/i18n';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aChannel, aChannelMessage, aTeacher, testTenant, type TeamChannel, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf } from '../support/team-inboxes';
import { buttonsOf, executeButtonsOf, TeamsClient, textOf } from '../support/teams-client';
import { pressOnMessage, textSeenBy, whatSees } from '../support/teams-view';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const otherDistrictSchool = aSchoolIn(dir, 'SKA');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const unit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const otherUnit = dir.investigationUnits.find((u) => u.id === 'SKA-INV');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const coordinator = user(team?.coordinators[0]?.id);
const worker = user(team?.members[0]?.id);
const investigator = user(unit?.contacts[0]?.id);
/** An investigator of another district's unit: a stranger to Farsta's request. */
const otherInvestigator = user(otherUnit?.contacts[0]?.id);
/** In the team's channel, not in the team: sees the base card only. */
const bystander = aTeacher(43);
const teacher = aTeacher(44);
const teamChannel: TeamChannel = aChannel(21);

// Pupil data and free text, easy to spot in anything a person reads.
const initials = 'ÖZ';
const question = 'Utredningens fråga HEMLIG-8101: hur ser närvaron ut sedan höstlovet?';
const answer = 'Teamets svar HEMLIG-8102: bättre sedan november.';

describe('an investigator asks the school-social team for input (begär underlag)', () => {
  let bot: RunningBot;
  const chat = `a:personal-${investigator.aadObjectId}`;

  /** The form the bot answered the command with, as stored in the investigator's chat. */
  const openForm = async (): Promise<{ messageId: string; formId: string }> => {
    const replies = await new TeamsClient(bot, investigator).say('begär underlag');
    expect(buttonsOf(cardOf(replies[0]))).toContain('input_request.submit');
    const stored = bot.connector.storedMessages(chat).filter((m) => buttonsOf(cardOf(m.activity)).includes('input_request.submit'));
    const message = stored.at(-1);
    const formId = executeButtonsOf(cardOf(message?.activity)).find((b) => b.verb === 'input_request.submit')?.data.formId;
    if (message === undefined || typeof formId !== 'string') throw new Error('the form did not reach the chat');
    return { messageId: message.id, formId };
  };
  const submitForm = async (values: Record<string, string>) => {
    const form = await openForm();
    const result = await pressOnMessage(bot, investigator, chat, form.messageId, 'input_request.submit', { formId: form.formId, ...values });
    return { ...form, result };
  };
  const aRequest = { school: school.id, pupilInitials: initials, yearGroup: '8', question, legalGround: 'reporting_duty' };
  const requestsOf = async (): Promise<Case[]> => (await bot.store.listCasesByReporter(testTenant, investigator.aadObjectId, 10)).filter((c) => c.kind === 'input_request');
  /** The exchange card the bot posted into the team's channel. */
  const postInTeamChannel = (): string => {
    const [message] = bot.connector.storedMessages(teamChannel.channelId).filter((m) => cardOf(m.activity));
    if (!message) throw new Error('nothing was posted in the team channel');
    return message.id;
  };

  beforeEach(async () => {
    bot = await new RunningBot().start();
    const roster = [...(team?.coordinators ?? []), ...(team?.members ?? [])].map((p) => user(p.id));
    for (const id of [teamChannel.teamId, teamChannel.channelId]) bot.connector.setMembers(id, [...roster, bystander].map((p) => p.aadObjectId));
    const linked = await new TeamsClient(bot, coordinator).post(aChannelMessage(coordinator, bot.serviceUrl, teamChannel, `registrera ${team?.id ?? ''}`));
    expect(linked.status).toBe(200);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("reaches the team's inbox, is answered there, and the investigator sees the answer on the same card; both audited with their ground", async () => {
    const { result, messageId } = await submitForm(aRequest);
    expect(result.status).toBe(200);
    expect(textOf(result.card)).toContain(question);
    const [request] = await requestsOf();
    expect(request).toMatchObject({ kind: 'input_request', state: 'handed_over', owner: { kind: 'district_committee', districtCode: 'FAR' } });
    expect(request?.handover).toMatchObject({ unitId: 'FAR-INV', legalGround: 'reporting_duty' });
    const questionId = request?.handover?.inputRequests[0]?.id;

    // The channel's shared card names no pupil; the team member's own view shows the question and the answer form.
    const posted = postInTeamChannel();
    const shared = bot.connector.storedMessages(teamChannel.channelId).find((m) => m.id === posted);
    expect(textOf(cardOf(shared?.activity))).toContain(request?.reference ?? 'missing');
    expect(JSON.stringify(shared?.activity)).not.toContain('HEMLIG-');
    expect(JSON.stringify(shared?.activity)).not.toContain(initials);
    expect(await textSeenBy(bot, bystander, teamChannel.channelId)).not.toContain('HEMLIG-');
    const [workerView] = await whatSees(bot, worker, teamChannel.channelId);
    expect(workerView?.ownView).toBe(true);
    expect(workerView?.text).toContain(question);
    expect(workerView?.text).toContain(initials);
    expect(buttonsOf(workerView?.card)).toContain('handover.give_input');

    const answered = await pressOnMessage(bot, worker, teamChannel.channelId, posted, 'handover.give_input', {
      caseId: request?.id,
      version: request?.version,
      questionId,
      inputAnswer: answer,
    });
    expect(answered.status).toBe(200);
    expect(textOf(answered.card)).toContain(answer);

    // The investigator's form turned into the exchange card, updated in place: their own view shows the answer.
    const seen = await whatSees(bot, investigator, chat);
    const exchange = seen.find((m) => m.messageId === messageId);
    expect(exchange?.ownView).toBe(true);
    expect(exchange?.text).toContain(question);
    expect(exchange?.text).toContain(answer);

    // It is the unit's record, not a report of theirs: `mina överlämningar` lists it, `mina ärenden` does not.
    const [handovers] = await new TeamsClient(bot, investigator).say('mina överlämningar');
    expect(textOf(cardOf(handovers))).toContain(request?.reference ?? 'missing');
    const [mine] = await new TeamsClient(bot, investigator).say('mina ärenden');
    expect(textOf(cardOf(mine))).not.toContain(request?.reference ?? 'missing');

    const disclosures = (await bot.store.listAudit({ caseId: request?.id })).filter((e) => e.action === 'disclosure').map((e) => e.detail);
    expect(disclosures).toEqual([
      { what: 'input_request', to: 'FAR-SST-1', legalGround: 'own_work', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
      { what: 'input', to: 'FAR-INV', legalGround: 'reporting_duty', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
    ]);
  });

  it('refuses strangers: the command, the submit, a look at the card and an answer, each audited; nothing changes', async () => {
    await submitForm(aRequest);
    const [request] = await requestsOf();
    if (request === undefined) throw new Error('the request was not stored');

    const [reply] = await new TeamsClient(bot, teacher).say('begär underlag');
    expect(buttonsOf(cardOf(reply))).not.toContain('input_request.submit');
    expect(String(reply?.text)).toMatch(/utredare/);
    const submitted = await new TeamsClient(bot, teacher).press('input_request.submit', { formId: 'form-00000009', ...aRequest });
    expect(buttonsOf(submitted.card)).not.toContain('input_request.submit');
    expect(await bot.store.listCasesByReporter(testTenant, teacher.aadObjectId, 10)).toEqual([]);
    const refusedRequests = (await bot.store.listAudit({})).filter((e) => e.action === 'input_request.refused' && e.actorId === teacher.aadObjectId);
    // The command and the submit are the same kind of refusal by the same person: the first is written at once,
    // the repeat is counted into one summary row when the ten-minute window closes (bounded-refusal-audit.ts).
    expect(refusedRequests).toHaveLength(1);

    const looked = await new TeamsClient(bot, otherInvestigator).press('handover.view', { caseId: request.id });
    expect(textOf(looked.card)).not.toContain('HEMLIG-');
    const pressed = await new TeamsClient(bot, otherInvestigator).press('handover.give_input', {
      caseId: request.id,
      version: request.version,
      questionId: request.handover?.inputRequests[0]?.id,
      inputAnswer: 'Främlingens svar',
    });
    expect(pressed.status).toBe(200);
    expect(await bot.store.getCase(request.id)).toEqual(request);
    const trail = (await bot.store.listAudit({ caseId: request.id })).filter((e) => e.actorId === otherInvestigator.aadObjectId).map((e) => e.action);
    expect(trail).toEqual(['case.view_refused', 'case.action_refused']);
  });

  it("refuses a school outside the unit's district and a personal identity number in the question, keeping what was typed", async () => {
    const { result } = await submitForm({ ...aRequest, school: otherDistrictSchool.id, question: 'Gäller 20101010-1234, hur går det?' });
    const text = textOf(result.card);
    expect(buttonsOf(result.card)).toContain('input_request.submit');
    expect(text).toContain(catalogue('sv').fieldErrors.personnummer);
    expect(text).toContain(catalogue('sv').fieldErrors.unknown_school);
    expect(JSON.stringify(result.card)).toContain('Gäller 20101010-1234');
    expect(await requestsOf()).toEqual([]);
  });
});
