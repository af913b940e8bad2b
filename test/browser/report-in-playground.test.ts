import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/adapters/clock/system-clock';
import sv from '../../src/adapters/teams/i18n/sv.json';
import { RecordingStatisticsSource } from '../support/a-statistics-report';
import { aSchoolIn } from '../support/report-payload';
import { loadSampleDirectory } from '../support/test-directory';
import { AgentsPlayground } from './support/agents-playground';
import { freeLoopbackPort } from './support/free-loopback-port';
import { LocaleShim } from './support/locale-shim';
import { installLoopbackGuard } from './support/loopback-guard.mjs';
import { OfflineBrowser } from './support/offline-browser';
import { PlaygroundBot } from './support/playground-bot';
import { PlaygroundChat } from './support/playground-chat';

const artifactsDir = fileURLToPath(new URL('../../test-artifacts/browser/', import.meta.url));
const directory = loadSampleDirectory();
const school = aSchoolIn(directory, 'FAR');
const schoolTitle = `${school.name}, ${directory.districts.find((d) => d.code === school.districtCode)?.name ?? ''}`;
const caseReference = /[A-Z]{3}-\d{4}-\d{4}/;
const today = new SystemClock().today();
const f = sv.reportForm;
const st = sv.statistics;
/**
 * The Playground's one simulated user (its built-in config, `currentUser.aadObjectId`). Its id is not an Entra
 * object id the directory file would accept, so the test adds it to the bot's in-memory directory as evaluation
 * staff, the role that sees every district's statistics.
 */
const playgroundUser = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber (Agents Playground)' };

/** A Stockholm calendar date `days` after (or before) today, as YYYY-MM-DD. */
function daysFromToday(days: number): string {
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** A label with a `{placeholder}` in the catalogue, matched whatever the bot fills in. */
function labelPattern(template: string): RegExp {
  // The text before the first ICU argument and after the last one (`{max, plural, one {# tecken} …}` included).
  const [before = '', after = ''] = template.split(/\{.*\}/);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(before)}.*${escape(after)}$`);
}

describe('a teacher reports worrying absence in the Agents Playground, a real Teams-like client', () => {
  const botConnections: string[] = [];
  const statistics = new RecordingStatisticsSource();
  const bot = new PlaygroundBot({ statistics, evaluators: [playgroundUser] });
  const browser = new OfflineBrowser({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    viewport: { width: 1280, height: 1000 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  let shim: LocaleShim | undefined;
  let playground: AgentsPlayground | undefined;
  let opened: PlaygroundChat | undefined;

  beforeAll(async () => {
    rmSync(artifactsDir, { recursive: true, force: true });
    mkdirSync(artifactsDir, { recursive: true });
    // The bot and the shim run in this process: they too must reach nothing beyond loopback.
    installLoopbackGuard((attempt) => botConnections.push(attempt));
    await bot.start();
    shim = await new LocaleShim(`${bot.baseUrl}/api/messages`, 'sv-SE').start();
    playground = await new AgentsPlayground({
      botEndpoint: shim.endpoint,
      port: await freeLoopbackPort(),
      logFile: join(artifactsDir, 'playground.log'),
      guardLog: join(artifactsDir, 'playground-blocked.txt'),
      startTimeoutMs: 60_000,
    }).start();
    const context = await browser.start();
    opened = await PlaygroundChat.open(context, playground.url, artifactsDir);
  });

  afterAll(async () => {
    // The window as it was when the test ended: on a failure, the step it stopped at.
    const [lastState] = await Promise.allSettled([opened?.shoot('99-last-state')]);
    const network = {
      abortedInBrowser: [...new Set(browser.aborted)],
      refusedByBrowserProxy: [...new Set(browser.proxyAttempts)],
      refusedInPlaygroundProcess: [...new Set(playground?.blockedAttempts() ?? [])],
      refusedInBotProcess: [...new Set(botConnections)],
    };
    writeFileSync(join(artifactsDir, 'network.json'), `${JSON.stringify(network, null, 2)}\n`);
    writeFileSync(join(artifactsDir, 'bot.log'), `${bot.logs.lines.join('\n')}\n`);
    // Each step stops what it started even if an earlier one failed.
    const results = [lastState, ...(await Promise.allSettled([browser.stop(), playground?.stop(), shim?.stop(), bot.stop()]))];
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new AggregateError(failed.map((r) => r.reason), 'cleaning up after the browser test failed');
  });

  it('shows help, rejects an impossible report keeping every value, accepts it once corrected and lists it', async () => {
    if (!opened) throw new Error('the Playground chat did not open');
    const chat = opened;
    const { page } = chat;
    await chat.card(sv.welcome.title, sv.welcome.report).waitFor();
    await chat.shoot('01-welcome');

    await chat.say('hjälp');
    const help = chat.card(sv.help.title, sv.help.report);
    await help.getByText(sv.help.commandsTitle).waitFor();
    expect(await help.getByRole('button', { name: sv.help.consultation, exact: true }).isVisible()).toBe(true);
    await chat.shoot('02-help', help);

    await chat.say('anmäl');
    const form = chat.card(f.title, f.submit);
    await form.getByRole('button', { name: f.submit, exact: true }).waitFor();
    await chat.shoot('03-report-form-blank', form);

    await chat.choose(form, f.school, schoolTitle, school.name.slice(0, 5));
    await chat.choose(form, f.reporterRole, sv.reporterRoles.teacher);
    await form.getByRole('textbox', { name: f.pupilInitials, exact: true }).fill('KL');
    await chat.choose(form, f.yearGroup, sv.yearGroups['7']);
    expect(await form.getByRole('combobox', { name: f.homeDistrict, exact: true }).inputValue()).toBe('');
    await chat.choose(form, f.homeDistrict, `${f.homeDistrictPrefix}Farsta`);
    await chat.enterDate(form, f.absenceFrom, daysFromToday(-80));
    await chat.enterDate(form, f.absenceTo, daysFromToday(-3));
    await form.getByRole('spinbutton', { name: f.absenceTotal, exact: true }).fill('10');
    await form.getByRole('spinbutton', { name: f.absenceUnexcused, exact: true }).fill('25');
    await form.getByRole('spinbutton', { name: f.longestRun, exact: true }).fill('6');
    await form.getByRole('checkbox', { name: sv.patterns.mornings }).check();
    await form.getByRole('checkbox', { name: sv.patterns.after_breaks }).check();
    await form.getByRole('checkbox', { name: f.guardiansInformed }).check();
    await form.getByRole('checkbox', { name: f.pupilHealthInvolved }).check();
    await chat.enterDate(form, f.investigationStartedOn, daysFromToday(-40));
    await chat.enterDate(form, f.organiserNotifiedOn, daysFromToday(-38));
    await chat.choose(form, f.consentGivenBy, sv.consentGivers.both_guardians);
    await form.getByRole('checkbox', { name: sv.consentScopes.absence }).check();
    await form.getByRole('checkbox', { name: sv.consentScopes.school_steps }).check();
    await form.getByRole('checkbox', { name: sv.consentRecipients.sst_team }).check();
    await chat.enterDate(form, f.consentValidUntil, daysFromToday(200));
    await form.getByRole('textbox', { name: labelPattern(f.description) }).fill('Borta de flesta måndagar, svårt att komma igång på morgonen.');
    await chat.shoot('04-report-form-filled', form);

    // Unexcused absence above total absence: the bot refuses and sends the form back.
    await form.getByRole('button', { name: f.submit, exact: true }).click();
    await form.getByText(sv.fieldErrors.unexcused_exceeds_total).waitFor();
    expect(await form.getByText(f.errorSummary).isVisible()).toBe(true);
    expect(await form.getByRole('combobox', { name: f.school, exact: true }).inputValue()).toBe(schoolTitle);
    expect(await form.getByRole('combobox', { name: f.reporterRole, exact: true }).inputValue()).toBe(sv.reporterRoles.teacher);
    expect(await form.getByRole('textbox', { name: f.pupilInitials, exact: true }).inputValue()).toBe('KL');
    expect(await form.getByRole('combobox', { name: f.yearGroup, exact: true }).inputValue()).toBe(sv.yearGroups['7']);
    expect(await form.getByRole('spinbutton', { name: f.absenceTotal, exact: true }).inputValue()).toBe('10');
    expect(await form.getByRole('spinbutton', { name: f.absenceUnexcused, exact: true }).inputValue()).toBe('25');
    expect(await form.getByRole('combobox', { name: f.absenceFrom, exact: true }).inputValue()).not.toBe('');
    expect(await form.getByRole('checkbox', { name: sv.patterns.mornings }).isChecked()).toBe(true);
    expect(await form.getByRole('combobox', { name: f.consentGivenBy, exact: true }).inputValue()).toBe(sv.consentGivers.both_guardians);
    await chat.shoot('05-report-form-rejected', form);

    await form.getByRole('spinbutton', { name: f.absenceUnexcused, exact: true }).fill('6');
    await chat.shoot('06-report-form-corrected', form);
    await form.getByRole('button', { name: f.submit, exact: true }).click();

    const confirmation = chat.card(sv.reportConfirmation.title, sv.reportConfirmation.myCases);
    await confirmation.getByText(caseReference).waitFor();
    const reference = caseReference.exec(await confirmation.innerText())?.[0];
    expect(reference).toMatch(new RegExp(`^${school.districtCode}-\\d{4}-\\d{4}$`));
    // The confirmation replaced the form in place (Universal Actions), errors and all.
    expect(await page.getByRole('button', { name: f.submit, exact: true }).count()).toBe(0);
    expect(await page.getByText(sv.fieldErrors.unexcused_exceeds_total).count()).toBe(0);
    await chat.shoot('07-confirmation', confirmation);

    await chat.say('mina ärenden');
    const myCases = chat.card(sv.myCases.title, sv.myCases.newReport);
    await myCases.getByText(reference ?? 'no reference on the confirmation', { exact: true }).waitFor();
    expect(await myCases.innerText()).toContain(school.name);
    await chat.shoot('08-my-cases', myCases);
    await chat.shoot('09-whole-chat');

    expect(botConnections).toEqual([]);
  });

  it('shows the evaluation staff the statistics card for the school year, with "färre än 5" for small counts', async () => {
    if (!opened) throw new Error('the Playground chat did not open');
    const chat = opened;
    await chat.say('statistik');
    const form = chat.card(st.title, st.show);
    await form.getByRole('button', { name: st.show, exact: true }).waitFor();
    // Only the evaluation staff get the district filter; left at every district.
    expect(await form.getByRole('combobox', { name: st.district, exact: true }).inputValue()).toBe(st.allDistricts);
    await form.getByRole('radio', { name: st.periods.school_year, exact: true }).check();
    await chat.shoot('10-statistics-form', form);
    await form.getByRole('button', { name: st.show, exact: true }).click();

    const card = chat.card(st.title, st.otherPeriod);
    await card.getByText(st.reportsTitle, { exact: true }).first().waitFor();
    const text = await card.innerText();
    for (const heading of [st.districtsTitle, st.timeToTakeTitle, st.handoversTitle, st.closedTitle, st.openTitle, st.attendanceTitle]) expect(text).toContain(heading);
    expect(text).toContain(st.fewerThan5);
    expect(text).toContain('Farsta');
    await chat.shoot('11-statistics-card', card);
    expect(statistics.queries.map((q) => q.districtCodes)).toEqual([directory.districts.map((d) => d.code)]);
    expect(botConnections).toEqual([]);
  });
});
