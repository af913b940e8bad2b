import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sv from '../../src/adapters/teams/i18n/sv.json';
import { inputsOf } from '../cards/card-walk';
import { sampleEvaluator } from '../cards/card-scenarios';
import { people } from '../support/a-case';
import { RecordingStatisticsSource } from '../support/a-statistics-report';
import { aTeacher, type TeamsUser } from '../support/activities';
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
    const answer = await new TeamsClient(bot, user).press('statistics.submit', { period: 'custom', from: '2026-08-01', to: '2026-10-31' });
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
    expect(source.queries.slice(before)).toEqual([{ from: '2026-07-01', to: '2026-11-23', districtCodes: ['BRO'] }]);
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
