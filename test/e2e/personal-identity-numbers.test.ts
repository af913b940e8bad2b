import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sv from '../../src/adapters/teams/i18n/sv.json';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { pressAs, storedCase, submitReport } from '../support/team-inboxes';
import { attentionTexts, TeamsClient, type InvokeResult } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const farUnit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const worker = user(team?.members[0]?.id);
const investigator = user(farUnit?.contacts[0]?.id);
const reporter = aTeacher(1);

/** Every value an input with `id` carries in the card (a form may be drawn both collapsed and open). */
function valuesOf(card: unknown, id: string): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      if ('type' in node && typeof node.type === 'string' && node.type.startsWith('Input.') && 'id' in node && node.id === id)
        out.push('value' in node ? node.value : undefined);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('a personal identity number typed into a card', () => {
  let bot: RunningBot;
  let submitted: Case;
  const current = (): Promise<Case> => storedCase(bot, submitted.id);
  const press = (who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeResult> =>
    pressAs(bot, who, verb, { caseId: submitted.id, ...data });
  /** True when `marker` is anywhere in the database, its write-ahead log included. */
  const onDisk = (marker: string): boolean =>
    [bot.dbFile, `${bot.dbFile}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(marker, 'utf8')));
  const expectRefusedWithTextKept = (result: InvokeResult, inputId: string, typed: string): void => {
    expect(result.status).toBe(200);
    expect(valuesOf(result.card, inputId)).toContain(typed);
    expect(attentionTexts(result.card)).toContain(sv.fieldErrors.personnummer);
  };

  beforeEach(async () => {
    bot = await new RunningBot().start();
    submitted = await submitReport(bot, new TeamsClient(bot, reporter), school, { pupilInitials: 'KL' });
    await press(worker, 'case.take', { version: submitted.version });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('in the hand-over summary (en dash, twelve digits): the case card comes back filled in with the message, and nothing is handed over', async () => {
    const before = await current();
    const typed = 'Pappan QZXW har 19121212\u20131212 och vill ha kontakt.';
    const result = await press(worker, 'case.hand_over', { version: before.version, handoverSummary: typed, handoverGround: 'own_work', handoverUrgent: 'false' });
    expectRefusedWithTextKept(result, 'handoverSummary', typed);
    const after = await current();
    expect(after).toMatchObject({ state: 'assigned', version: before.version });
    expect(after.handover).toBeUndefined();
    expect(onDisk('QZXW')).toBe(false);
  });

  it("in the reporter's answer to the team's question (full-width digits): the question card comes back filled in with the message, and no answer is stored", async () => {
    await press(worker, 'case.ask', { version: (await current()).version, question: 'Har eleven syskon på skolan?' });
    const question = (await current()).questions?.[0];
    const typed = 'Ja, brodern QZXW har １２１２１２－１２１２.';
    const result = await press(reporter, 'case.answer', { questionId: question?.id, answer: typed });
    expectRefusedWithTextKept(result, 'answer', typed);
    expect((await current()).questions?.[0]?.answer).toBeUndefined();
    expect(onDisk('QZXW')).toBe(false);
  });

  it("in the team's input to an investigation (non-breaking space, coordination number): the input-request card comes back filled in with the message, and no input is stored", async () => {
    await press(worker, 'case.hand_over', {
      version: (await current()).version,
      handoverSummary: 'Frånvaron har ökat trots anpassningar.',
      handoverGround: 'own_work',
      handoverUrgent: 'false',
    });
    await press(investigator, 'handover.acknowledge', { version: (await current()).version, responsibleId: '' });
    await press(investigator, 'handover.request_input', { version: (await current()).version, inputQuestion: 'Hur ser skolan på hemsituationen?' });
    const request = (await current()).handover?.inputRequests[0];
    expect(request).toBeDefined();
    const typed = 'Mamman QZXW, 811278\u00a09873, har hört av sig.';
    const result = await press(worker, 'handover.answer_input', { questionId: request?.id, inputAnswer: typed });
    expectRefusedWithTextKept(result, 'inputAnswer', typed);
    expect((await current()).handover?.inputRequests[0]?.answer).toBeUndefined();
    expect(onDisk('QZXW')).toBe(false);
  });
});
