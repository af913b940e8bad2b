import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sv from '../../src/adapters/teams/i18n/sv.json';
import { inputsOf } from '../cards/card-walk';
import { sampleEvaluator } from '../cards/card-scenarios';
import { people } from '../support/a-case';
import { RecordingStatisticsSource } from '../support/a-statistics-report';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, TeamsClient, textOf } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const directory = loadSampleDirectory();
const everyDistrict = directory.districts.map((d) => d.code);
const s = sv.statistics;

const coordinator: TeamsUser = { aadObjectId: people.farCoordinator, name: 'Samordnare' };
const unitManager: TeamsUser = { aadObjectId: people.farUnitManager, name: 'Enhetschef' };
const evaluator: TeamsUser = { aadObjectId: sampleEvaluator, name: 'Utvärderare' };
const teacher = aTeacher(3);

describe('statistik: anonymous statistics by scope', () => {
  const source = new RecordingStatisticsSource();
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await new RunningBot({ now: '2026-11-23T09:00:00.000Z', statistics: source }).start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const formFor = async (who: TeamsUser) => cardOf((await new TeamsClient(bot, who).say('statistik'))[0]);
  const districtFilterOf = (card: unknown) => inputsOf(card).filter((i) => i.id === 'district');

  it.each([
    ['a coordinator', coordinator, ['FAR']],
    ['a unit manager', unitManager, ['FAR']],
    ['the evaluation staff', evaluator, everyDistrict],
  ])('%s gets the statistics card for their own scope, and the view is audited', async (_who, user, districts) => {
    const form = await formFor(user);
    expect(textOf(form)).toContain(s.period);
    const before = source.queries.length;
    const answer = await new TeamsClient(bot, user).press('statistics.submit', { period: 'custom', from: '2026-08-10', to: '2026-10-20' });
    expect(answer.card && textOf(answer.card)).toContain(s.reportsTitle);
    expect(source.queries.slice(before)).toEqual([{ from: '2026-08-01', to: '2026-10-31', districtCodes: districts }]);
    const audit = (await bot.store.listAudit({})).filter((e) => e.action === 'statistics.viewed' && e.actorId === user.aadObjectId);
    expect(audit.map((e) => e.detail)).toEqual([{ period: 'custom', from: '2026-08-01', to: '2026-10-31', districts: districts.join(',') }]);
  });

  it('offers the district filter to the evaluation staff only, and narrows to the district they pick', async () => {
    expect(districtFilterOf(await formFor(coordinator))).toEqual([]);
    expect(districtFilterOf(await formFor(unitManager))).toEqual([]);
    expect(districtFilterOf(await formFor(evaluator))).toHaveLength(1);
    const before = source.queries.length;
    await new TeamsClient(bot, evaluator).press('statistics.submit', { period: 'school_year', district: 'BRO' });
    // The sample calendar's school year: from the day after sommarlov 2026 to the day before sommarlov 2027.
    expect(source.queries.slice(before)).toEqual([{ from: '2026-08-19', to: '2027-06-10', districtCodes: ['BRO'] }]);
  });

  it('refuses a forged district outside the scope, asks the source nothing and audits the refusal', async () => {
    const before = source.queries.length;
    const answer = await new TeamsClient(bot, coordinator).press('statistics.submit', { period: 'this_term', district: 'BRO' });
    expect(answer.card && textOf(answer.card)).toContain(s.districtNotAllowed);
    expect(source.queries.length).toBe(before);
    const refusals = (await bot.store.listAudit({})).filter((e) => e.action === 'statistics.refused' && e.actorId === coordinator.aadObjectId);
    expect(refusals.map((e) => e.detail?.reason)).toEqual(['district_out_of_scope']);
  });

  it('refuses a teacher, by command and by a forged submit, and audits it', async () => {
    const [reply] = await new TeamsClient(bot, teacher).say('statistik');
    expect(textOf(cardOf(reply))).toContain(s.notAllowed);
    const before = source.queries.length;
    const answer = await new TeamsClient(bot, teacher).press('statistics.submit', { period: 'this_term' });
    expect(answer.card && textOf(answer.card)).toContain(s.notAllowed);
    expect(source.queries.length).toBe(before);
    const refusals = (await bot.store.listAudit({})).filter((e) => e.action === 'statistics.refused' && e.actorId === teacher.aadObjectId);
    expect(refusals.map((e) => e.detail?.reason)).toEqual(['not_authorized']);
  });

  it('sends custom dates in the wrong order back with the values kept and a plain message', async () => {
    const answer = await new TeamsClient(bot, evaluator).press('statistics.submit', { period: 'custom', from: '2026-10-01', to: '2026-09-01', district: 'FAR' });
    const text = textOf(answer.card);
    expect(text).toContain(s.errorSummary);
    expect(text).toContain(sv.fieldErrors.period_order);
    const values = Object.fromEntries(inputsOf(answer.card).map((i) => [i.id, i.value]));
    expect(values).toMatchObject({ period: 'custom', from: '2026-10-01', to: '2026-09-01', district: 'FAR' });
  });
});

/** Every table row of a card as the texts of its cells. */
function tableRowsOf(card: unknown): string[][] {
  const rows: string[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TableRow' && Array.isArray(n.cells)) rows.push(n.cells.map((cell) => textOf(cell)));
    Object.values(n).forEach(walk);
  };
  walk(card);
  return rows;
}

describe('statistik on the store’s own figures (no stand-in source)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await new RunningBot({ now: '2026-11-23T09:00:00.000Z' }).start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('counts the requests teachers just sent, rounded, in the coordinator’s district', async () => {
    const farsta = aSchoolIn(directory, 'FAR');
    for (let n = 0; n < 7; n += 1) await new TeamsClient(bot, aTeacher(40 + n)).press('report.submit', aReportPayload(farsta, { pupilInitials: `A${String.fromCharCode(66 + n)}` }));
    await bot.idle();
    const answer = await new TeamsClient(bot, coordinator).press('statistics.submit', { period: 'this_term' });
    const text = answer.card ? textOf(answer.card) : '';
    expect(text).toContain(s.reportsTitle);
    expect(text).not.toContain(s.unavailable);
    // Seven requests in Farsta in November: the month's total is shown rounded to the nearest 5, never as the exact 7.
    const november = tableRowsOf(answer.card).find((row) => row[0] === 'nov. 2026' && row.length === 5);
    expect(november?.[1]).toBe('5');
  });
});
