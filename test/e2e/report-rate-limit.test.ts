import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTeacher } from '../support/activities';
import { aReportPayload, aSchoolIn, inputValues } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { attentionTexts, TeamsClient, textOf } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir = loadSampleDirectory();
const farsta = aSchoolIn(dir, 'FAR');
const tenantId = '11111111-2222-4333-8444-555555555555';
const tooMany = 'Du har skickat många stödbegäranden på kort tid. Vänta en minut och försök igen.';

describe('a burst of reports from one person, over real HTTP', () => {
  let bot: RunningBot;
  let teacher: TeamsClient;
  const stored = async () => bot.store.listCasesByReporter(tenantId, aTeacher(1).aadObjectId, 100);

  beforeEach(async () => {
    bot = await new RunningBot({ reportRateLimit: { max: 3, windowMs: 10 * 60_000 } }).start();
    teacher = new TeamsClient(bot, aTeacher(1));
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('accepts the first N, sends the rest back with values kept and a plain "try again", and accepts again after the window', async () => {
    const payloads = Array.from({ length: 6 }, () => aReportPayload(farsta));
    const results = await Promise.all(payloads.map((p) => teacher.press('report.submit', p)));
    expect(results.every((r) => r.status === 200)).toBe(true);

    const confirmed = results.filter((r) => /FAR-2026-\d{4}/.test(textOf(r.card)));
    const refused = results.filter((r) => attentionTexts(r.card).some((t) => t.startsWith(tooMany)));
    expect(confirmed).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      const payload = payloads[results.indexOf(r)] ?? {};
      const values = inputValues(r.card);
      for (const [id, value] of Object.entries(payload)) if (id !== 'formId') expect(String(values[id] ?? ''), `input ${id}`).toBe(value);
    }
    // Nothing accepted is lost, nothing refused is stored.
    const references = confirmed.map((r) => /FAR-2026-\d{4}/.exec(textOf(r.card))?.[0]).sort();
    expect((await stored()).map((c) => c.reference).sort()).toEqual(references);

    bot.clock.advance({ minutes: 10, hours: 0 });
    const firstRefused = refused[0];
    const retried = firstRefused === undefined ? undefined : payloads[results.indexOf(firstRefused)];
    if (retried === undefined) throw new Error('no refused submission to retry');
    const later = await teacher.press('report.submit', retried);
    expect(textOf(later.card)).toMatch(/FAR-2026-\d{4}/);
    expect(await stored()).toHaveLength(4);
  });

  it('never refuses a repeat of a form it accepted, even when the person is over the limit', async () => {
    const first = aReportPayload(farsta);
    const accepted = await teacher.press('report.submit', first);
    const reference = /FAR-2026-\d{4}/.exec(textOf(accepted.card))?.[0];
    for (let i = 0; i < 3; i += 1) await teacher.press('report.submit', aReportPayload(farsta));
    expect(await stored()).toHaveLength(3);

    const repeat = await teacher.press('report.submit', first);
    expect(attentionTexts(repeat.card)).toEqual([]);
    expect(textOf(repeat.card)).toContain(reference);
    expect(await stored()).toHaveLength(3);
  });

  it('does not count a rejected form against the person', async () => {
    for (let i = 0; i < 5; i += 1) await teacher.press('report.submit', aReportPayload(farsta, { absenceTotal: '140' }));
    for (let i = 0; i < 3; i += 1) await teacher.press('report.submit', aReportPayload(farsta));
    expect(await stored()).toHaveLength(3);
  });

  it('counts each person on their own', async () => {
    for (let i = 0; i < 3; i += 1) await teacher.press('report.submit', aReportPayload(farsta));
    const colleague = new TeamsClient(bot, aTeacher(2));
    const result = await colleague.press('report.submit', aReportPayload(farsta));
    expect(textOf(result.card)).toMatch(/FAR-2026-\d{4}/);
  });
});
