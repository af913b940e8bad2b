import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/adapters/teams/commands';
import { renderCaseCard, renderHelp, renderWelcome } from '../../src/adapters/teams/cards/render';
import { catalogue, type Lang } from '../../src/adapters/teams/i18n/i18n';
import { rolesFor } from '../../src/domain/access/policy';
import { people } from '../support/a-case';
import { loadSampleDirectory } from '../support/test-directory';
import { cardScenarios } from './card-scenarios';
import { assignedCase, now, cardClock } from './case-fixtures';
import { nodesOf } from './card-walk';

/**
 * Words that mislead (issue 12, point 9). "Anmälan" is what teachers call a report of concern (orosanmälan):
 * a request for support from the school-social team must never be called that, or a teacher may believe
 * the personal duty to report is done. "Handläggare" implies an exercise of public authority, SST+ is not a
 * right, the districts are "stadsdelsområden", and urgent means at once.
 */
const directory = loadSampleDirectory();
const langs: Lang[] = ['sv', 'en'];
const templatesDir = fileURLToPath(new URL('../../adaptive-cards/', import.meta.url));

function stringsOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path === '' ? k : `${path}.${k}`));
  return [];
}

/** What a person reads on a rendered card: texts, titles, labels, placeholders and fact values (not ids, verbs or choice values). */
const visibleKeys = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText']);
const visibleTextsOf = (card: unknown): [string, string][] =>
  stringsOf(card).filter(([path]) => {
    const key = path.slice(path.lastIndexOf('.') + 1);
    return visibleKeys.has(key) || (key === 'value' && /\.facts\[\d+\]\.value$/u.test(path));
  });

/** Words beginning with "anmäl" as whole words: "orosanmälan" is the report of concern and is always fine. */
const anmalWords = (text: string): string[] => [...text.matchAll(/(?<!\p{L})anmäl\p{L}*/giu)].map((m) => m[0].toLowerCase());
/** The duty itself, and the verb (infinitive or imperative) when the same text says where the report of concern goes. */
const dutyWords = new Set(['anmälningsskyldighet', 'anmälningsskyldigheten']);
const aboutReportOfConcern = (text: string): boolean => /socialtjänst|orosanmälan|mottagning/iu.test(text);

/** The places where "anmäl…" names something other than the report of concern (the SST request, its sender). */
function misusedAnmal(text: string): string[] {
  return anmalWords(text).filter((w) => !dutyWords.has(w) && !((w === 'anmäla' || w === 'anmäl') && aboutReportOfConcern(text)));
}

function swedishWordingProblems(text: string): string[] {
  const problems = misusedAnmal(text).map((w) => `"${w}" names something other than a report of concern`);
  if (/handläggare/iu.test(text)) problems.push('"handläggare" implies an exercise of public authority');
  if (/rätten till/iu.test(text)) problems.push('SST+ is not a right ("rätten till")');
  if (/(?<!\p{L})Stadsdel:/u.test(text)) problems.push('"Stadsdel:" is a "Stadsdelsområde:"');
  if (/skolsocionom har tagit/iu.test(text)) problems.push('the case is not always taken by a school social worker');
  if (/brådsk/iu.test(text) && /(?<!\p{L})(i dag|idag)(?!\p{L})/iu.test(text)) problems.push('urgent means at once ("genast"), not "i dag"');
  return problems;
}

/** English: "report" names only the report of concern or the duty; the social-services side reports its decisions. */
function englishWordingProblems(key: string, text: string): string[] {
  const problems: string[] = [];
  const reportsSomethingElse = /\breport/iu.test(text) && !/concern|duty to report|decision|initial assessment/iu.test(text);
  const unitOutcome = /^(handoverCard|handover|auditActions\.handover)\./u.test(key);
  if (reportsSomethingElse && !unitOutcome) problems.push('"report" names something other than a report of concern');
  if (/case worker/iu.test(text)) problems.push('"case worker" implies an exercise of public authority');
  if (/right to/iu.test(text)) problems.push('SST+ is not a right');
  if (/\bDistrict: /u.test(text)) problems.push('"District:" is a "District area:"');
  if (/school social worker has taken/iu.test(text)) problems.push('the case is not always taken by a school social worker');
  if (/urgent/iu.test(text) && /\btoday\b/iu.test(text)) problems.push('urgent means at once, not "today"');
  return problems;
}

describe('words that mislead', () => {
  it('the Swedish catalogue calls the SST request a request for support, never an "anmälan"', () => {
    const found = stringsOf(catalogue('sv')).flatMap(([key, text]) => swedishWordingProblems(text).map((p) => `${key}: ${p}`));
    expect(found).toEqual([]);
  });

  it('the English catalogue says "request for support", "contact person" and "at once"', () => {
    const found = stringsOf(catalogue('en')).flatMap(([key, text]) => englishWordingProblems(key, text).map((p) => `${key}: ${p}`));
    expect(found).toEqual([]);
  });

  it('no card template carries a misleading word of its own', () => {
    const files = readdirSync(templatesDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) => {
      const texts = stringsOf(JSON.parse(readFileSync(`${templatesDir}${f}`, 'utf8')));
      return texts.flatMap(([path, text]) => swedishWordingProblems(text).map((p) => `${f} ${path}: ${p}`));
    });
    expect(found).toEqual([]);
  });

  it.each(langs)('no rendered card in %s carries a misleading word', (lang) => {
    // The districts' official channels for a report of concern are the directory's own text ("anmäl skriftligt …").
    const channels = new Set(directory.districts.map((d) => d.concernReportChannel[lang]));
    // Where a rendered text comes from the catalogue, judge it under its key (the unit reports its decisions).
    const keyOf = new Map(stringsOf(catalogue(lang)).map(([key, text]) => [text, key]));
    const found = cardScenarios(directory, lang).flatMap(({ name, card }) =>
      visibleTextsOf(card)
        .filter(([, text]) => !channels.has(text))
        .flatMap(([path, text]) =>
          (lang === 'sv' ? swedishWordingProblems(text) : englishWordingProblems(keyOf.get(text) ?? '', text)).map((p) => `${name} ${path}: ${p}`),
        ),
    );
    expect(found).toEqual([]);
  });

  it('the checks notice each misleading word', () => {
    expect(swedishWordingProblems('Anmälan till skolsocialt team')).toHaveLength(1);
    expect(swedishWordingProblems('Skriv **anmäl** för att börja')).toHaveLength(1);
    expect(swedishWordingProblems('Fråga anmälaren')).toHaveLength(1);
    expect(swedishWordingProblems('Teamets handläggare')).toHaveLength(1);
    expect(swedishWordingProblems('Rätten till intensivt stöd (SST+)')).toHaveLength(1);
    expect(swedishWordingProblems('Stadsdel: Järva')).toHaveLength(1);
    expect(swedishWordingProblems('Brådskande: gör en skyddsbedömning i dag.')).toHaveLength(1);
    expect(swedishWordingProblems('Du har en skyldighet att anmäla till socialtjänsten. Anmälningsskyldigheten gäller.')).toEqual([]);
    expect(englishWordingProblems('reportForm.title', 'Report to the school-social team')).toHaveLength(1);
  });
});

describe('the command and where it is shown', () => {
  it.each(['begär stöd', 'Begär stöd!', 'stödbegäran', 'request support', 'anmäl', 'anmälan', 'report'])('"%s" opens the request form', (text) => {
    expect(commands.report.test(text)).toBe(true);
  });

  it.each(langs)('help, welcome and the fallback hint in %s show the new command, not the old word', (lang) => {
    const cat = catalogue(lang);
    const command = lang === 'sv' ? '**begär stöd**' : '**request support**';
    for (const text of [cat.help.cmdReport, cat.welcome.text, cat.unknownCommand, cat.myCases.empty]) {
      expect(text).toContain(command);
      expect(text).not.toMatch(/\*\*(anmäl|report)\*\*/u);
    }
  });
});

describe('the personal duty to report is restated where people might think it is done', () => {
  it.each(langs)('the welcome card in %s says a request for support is not a report of concern, with the legal text', (lang) => {
    const texts = nodesOf(renderWelcome({ lang, directory })).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
    expect(texts).toContainEqual(expect.stringContaining(catalogue(lang).welcome.duty.replace(' {duty}.', '')));
    expect(texts).toContainEqual(expect.stringContaining(directory.legal.reportingDuty[lang]));
  });

  it.each(langs)('the help card in %s keeps the duty warning', (lang) => {
    expect(JSON.stringify(renderHelp({ lang, directory }))).toContain(directory.legal.reportingDuty[lang]);
  });

  it.each(langs)('the hand-over form in %s warns the team member of their own duty to report', (lang) => {
    const c = assignedCase();
    const card = renderCaseCard({
      lang, clock: cardClock,
      directory,
      case: c,
      viewer: { userId: people.farMember1, roles: rolesFor(people.farMember1, c, directory) },
      audienceMris: [],
      duplicates: [],
      undelivered: [],
      now,
    });
    const handOver = nodesOf(card).find((n) => n.type === 'Action.ShowCard' && n.title === catalogue(lang).caseCard.handOver);
    const warning = nodesOf(handOver?.card).find((n) => typeof n.text === 'string' && n.text.includes(directory.legal.reportingDuty[lang]));
    expect(warning?.text).toContain(catalogue(lang).caseCard.handoverDutyWarning.replace(' {duty}.', ''));
  });
});
