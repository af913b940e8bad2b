import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, pressAs, storedCase, submitReport, TeamInboxes, textOf } from '../support/team-inboxes';
import { buttonsOf, TeamsClient, type InvokeResult } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const member1 = user(team?.members[0]?.id);
const member2 = user(team?.members[1]?.id);
const coordinatorId = team?.coordinators[0]?.id;
const stranger = user(dir.sstTeams.find((t) => t.id === 'BRO-SST-1')?.members[0]?.id);

describe('a school-social worker acts on a case from its card', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  let teacher: TeamsClient;
  let submitted: Case;
  const current = (): Promise<Case> => storedCase(bot, submitted.id);
  const press = (who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeResult> =>
    pressAs(bot, who, verb, { caseId: submitted.id, ...data });

  beforeEach(async () => {
    bot = await new RunningBot().start();
    inboxes = new TeamInboxes(bot);
    teacher = new TeamsClient(bot, aTeacher(1));
    submitted = await submitReport(bot, teacher, school, { pupilInitials: 'KL', yearGroup: '7' });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('shows a member the full case with a take button, and a stranger nothing', async () => {
    const mine = await press(member1, 'case.view', {});
    expect(textOf(mine.card)).toContain('KL');
    expect(buttonsOf(mine.card)).toContain('case.take');
    const theirs = await press(stranger, 'case.view', {});
    expect(textOf(theirs.card)).not.toContain('KL');
    expect(buttonsOf(theirs.card)).toEqual([]);
    const audit = await bot.store.listAudit({ caseId: submitted.id });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.viewed', 'case.view_refused']));
  });

  it('takes the case: the card changes in place for everyone and the reporter hears that it was taken', async () => {
    const taken = await press(member1, 'case.take', { version: submitted.version });
    expect(taken.status).toBe(200);
    expect((await current()).assigneeId).toBe(member1.aadObjectId);
    expect(buttonsOf(taken.card)).not.toContain('case.take');
    const cards = (await bot.store.listDeliveriesForCase(submitted.id)).filter((d) => d.purpose === 'case_card');
    for (const d of cards) expect(inboxes.updatesOf(d.messageId ?? '')).not.toHaveLength(0);
    const toReporter = inboxes.messagesTo(aTeacher(1).aadObjectId).map((m) => String(m.text ?? ''));
    expect(toReporter.some((t) => t.includes(submitted.reference))).toBe(true);
  });

  it.each<[string, () => TeamsUser, string]>([
    ['a team member', () => member1, 'har tagits av en medarbetare i skolsociala teamet'],
    ['the coordinator', () => user(coordinatorId), 'har tagits av skolsociala teamets samordnare'],
  ])('tells the reporter by role who took the case: %s, never "a school social worker" by default', async (_who, taker, said) => {
    expect((await press(taker(), 'case.take', { version: submitted.version })).status).toBe(200);
    await bot.idle();
    const toReporter = inboxes.messagesTo(aTeacher(1).aadObjectId).map((m) => String(m.text ?? '')).filter((t) => t.includes(submitted.reference));
    expect(toReporter).toContainEqual(expect.stringContaining(said));
    expect(toReporter.join(' ')).not.toContain('skolsocionom');
  });

  it("refuses a stranger's click, changes nothing, and records the attempt", async () => {
    const refused = await press(stranger, 'case.take', { version: submitted.version });
    expect(refused.status).toBe(200);
    const after = await current();
    expect(after.state).toBe('new');
    expect(after.version).toBe(submitted.version);
    expect((await bot.store.listAudit({ caseId: submitted.id })).map((a) => a.action)).toContain('case.action_refused');
  });

  it('lets exactly one of two members win when both take the case at once, and tells the other', async () => {
    const [a, b] = await Promise.all([
      new TeamsClient(bot, member1).press('case.take', { caseId: submitted.id, version: submitted.version }),
      new TeamsClient(bot, member2).press('case.take', { caseId: submitted.id, version: submitted.version }),
    ]);
    await bot.idle();
    const after = await current();
    expect([member1.aadObjectId, member2.aadObjectId]).toContain(after.assigneeId);
    expect(after.version).toBe(submitted.version + 1);
    const loser = after.assigneeId === member1.aadObjectId ? b : a;
    expect(buttonsOf(loser.card)).not.toContain('case.take');
  });

  it('asks the reporter a question; the answer lands on the case and on the card', async () => {
    await press(member1, 'case.take', { version: submitted.version });
    await press(member1, 'case.ask', { version: submitted.version + 1, question: 'Har eleven syskon på skolan?' });
    const asked = (await current()).questions?.[0];
    expect(asked?.text).toBe('Har eleven syskon på skolan?');
    const questionCard = inboxes.messagesTo(aTeacher(1).aadObjectId).map(cardOf).find((c) => buttonsOf(c).includes('case.answer'));
    expect(textOf(questionCard)).toContain('Har eleven syskon på skolan?');

    const answered = await teacher.press('case.answer', { caseId: submitted.id, questionId: asked?.id, answer: 'Ja, en bror i åk 9.' });
    await bot.idle();
    expect(buttonsOf(answered.card)).not.toContain('case.answer');
    expect((await current()).questions?.[0]?.answer?.text).toBe('Ja, en bror i åk 9.');
    const view = await press(member1, 'case.view', {});
    expect(textOf(view.card)).toContain('Ja, en bror i åk 9.');
  });

  it('moves the case to intensive support and back where the district offers it, and closes it with an outcome', async () => {
    await press(member1, 'case.take', { version: 1 });
    await press(member1, 'case.level', { version: 2, level: 'intensive' });
    expect((await current()).supportLevel).toBe('intensive');
    const rejected = await press(member1, 'case.close', { version: 3, outcome: '' });
    expect((await current()).state).toBe('assigned');
    expect(buttonsOf(rejected.card)).toContain('case.close');
    await press(member1, 'case.close', { version: 3, outcome: 'attendance_improved' });
    const closed = await current();
    expect([closed.state, closed.outcome]).toEqual(['closed', 'attendance_improved']);
    const toReporter = inboxes.messagesTo(aTeacher(1).aadObjectId).map((m) => String(m.text ?? ''));
    expect(toReporter.filter((t) => t.includes(submitted.reference)).length).toBeGreaterThanOrEqual(2);
    expect(toReporter.join('\n')).not.toContain('attendance_improved');
  });

  it('links a second report about the same pupil and merges it, keeping both reporters', async () => {
    const second = await submitReport(bot, new TeamsClient(bot, aTeacher(2)), school, { pupilInitials: 'k.l.', yearGroup: '7' });
    const view = await press(member1, 'case.view', {});
    expect(textOf(view.card)).toContain(second.reference);
    const merged = await new TeamsClient(bot, user(coordinatorId)).press('case.merge', { caseId: second.id, version: second.version, intoCaseId: submitted.id });
    await bot.idle();
    expect(merged.status).toBe(200);
    expect((await bot.store.getCase(second.id))?.state).toBe('merged');
    expect((await current()).attachedReporterIds).toContain(aTeacher(2).aadObjectId);
  });

  it("refuses to merge another pupil's case of the same school, audits the refusal and merges nothing", async () => {
    const other = await submitReport(bot, new TeamsClient(bot, aTeacher(2)), school, { pupilInitials: 'QZ', yearGroup: '7' });
    const coordinator = user(coordinatorId);
    const offered = await pressAs(bot, coordinator, 'case.view', { caseId: other.id });
    expect(buttonsOf(offered.card)).not.toContain('case.merge');

    const refused = await pressAs(bot, coordinator, 'case.merge', { caseId: other.id, version: other.version, intoCaseId: submitted.id });
    expect(refused.status).toBe(200);
    expect(textOf(refused.card)).toContain('inte möjliga dubbletter');
    const [otherAfter, firstAfter] = [await storedCase(bot, other.id), await current()];
    expect([otherAfter.state, otherAfter.version, otherAfter.mergedIntoId]).toEqual(['new', other.version, undefined]);
    expect([firstAfter.version, firstAfter.attachedReporterIds, firstAfter.mergedCaseIds]).toEqual([submitted.version, undefined, undefined]);
    const audit = await bot.store.listAudit({ caseId: other.id });
    expect(audit).toContainEqual(
      expect.objectContaining({
        actorId: coordinatorId,
        action: 'case.action_refused',
        detail: { action: 'case.merge', reason: 'rule_violation', rule: 'merge_not_duplicate', intoCaseId: submitted.id },
      }),
    );
  });
});

describe("a case's audit trail in Teams", () => {
  let bot: RunningBot;
  beforeEach(async () => {
    bot = await new RunningBot().start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('shows the coordinator who saw and did what, names staff but not the reporter, and refuses others', async () => {
    const teacher = new TeamsClient(bot, aTeacher(1));
    const submitted = await submitReport(bot, teacher, school);
    await new TeamsClient(bot, member1).press('case.take', { caseId: submitted.id, version: submitted.version });
    await new TeamsClient(bot, stranger).press('case.view', { caseId: submitted.id });

    const [trail] = await new TeamsClient(bot, user(coordinatorId)).say(`historik ${submitted.reference}`);
    const text = textOf(cardOf(trail));
    expect(text).toContain(team?.members[0]?.name);
    expect(text).toMatch(/Ärendet taget/);
    expect(text).toMatch(/Visning nekad/);
    expect(text).toContain('Avsändaren');
    expect(text).not.toContain(aTeacher(1).name);

    const [refused] = await new TeamsClient(bot, member2).say(`historik ${submitted.reference}`);
    expect(cardOf(refused)).toBeUndefined();
    expect(String(refused?.text)).toMatch(/samordnare/);
    expect((await bot.store.listAudit({ caseId: submitted.id })).map((e) => e.action)).toEqual(expect.arrayContaining(['case.trail_viewed', 'case.trail_refused']));
  });
});
