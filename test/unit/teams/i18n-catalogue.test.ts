import { describe, expect, it } from 'vitest';
import { formatDate, formatShortDate } from '../../../src/adapters/teams/i18n/format-date';
import { catalogue, compileMessage, fill, t, type Lang } from '../../../src/adapters/teams/i18n/i18n';

/** Every message in both catalogues parses as ICU MessageFormat, and every count is a plural (issue 13). */
type Ast = ReturnType<ReturnType<typeof compileMessage>['getAst']>;
type Element = Ast[number];

const langs: Lang[] = ['sv', 'en'];

function messagesOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => messagesOf(v, path === '' ? k : `${path}.${k}`));
  return [];
}

/** Param names that always hold a number of things. */
const countNames = new Set(['days', 'count', 'hours', 'reminders', 'cases']);
/** Nouns that, right after a plain `{param}`, show that the param counts them. */
const countedNouns =
  /^\s+(?:\p{L}+\s+)?(?:dag|dagar|skoldag|skoldagar|tecken|ärenden?|frågor|fråga|händelser?|fel|överlämningar?|timmar?|påminnelser?|days?|school days?|characters?|cases?|questions?|events?|problems?|handovers?|hours?|reminders?)(?!\p{L})/u;

/** Plain arguments (`{x}`, not `{x, plural, …}`) that hold a count, with the text that follows each. */
function countsWithoutPlural(ast: Ast): string[] {
  const found: string[] = [];
  const walk = (elements: Ast): void => {
    elements.forEach((el: Element, i) => {
      if ('options' in el && typeof el.options === 'object') {
        for (const option of Object.values(el.options)) walk(option.value);
        return;
      }
      if ('children' in el) walk(el.children);
      const isPlain = el.type === 1 || el.type === 2; // argument, number
      if (!isPlain || !('value' in el) || typeof el.value !== 'string') return;
      const next = elements[i + 1];
      const after = next !== undefined && next.type === 0 ? next.value : '';
      if (countNames.has(el.value) || countedNouns.test(after)) found.push(`{${el.value}}${after.slice(0, 20)}`);
    });
  };
  walk(ast);
  return found;
}

const entries = langs.flatMap((lang) => messagesOf(catalogue(lang)).map(([key, message]) => ({ lang, key, message })));

describe('the UI catalogue', () => {
  it.each(entries)('$lang $key parses as ICU MessageFormat and puts every count in a plural', ({ lang, message }) => {
    const ast = compileMessage(lang, message).getAst();
    expect(countsWithoutPlural(ast)).toEqual([]);
  });

  it('the count rule notices a count written without a plural', () => {
    expect(countsWithoutPlural(compileMessage('sv', '{n} skoldagar').getAst())).toEqual(['{n} skoldagar']);
    expect(countsWithoutPlural(compileMessage('en', 'for {days} more').getAst())).toEqual(['{days} more']);
    expect(countsWithoutPlural(compileMessage('sv', '{days, plural, one {# dag} other {# dagar}}').getAst())).toEqual([]);
  });

  it('holds no month names: dates are formatted with Intl', () => {
    const months = /(?<!\p{L})(?:januari|februari|mars|juni|juli|augusti|oktober|january|february|march|june|july|august|october|okt|sept?)(?!\p{L})/iu;
    expect(entries.filter(({ message }) => months.test(message)).map(({ lang, key }) => `${lang} ${key}`)).toEqual([]);
  });
});

describe('filling a message', () => {
  it('formats numbers with Intl for the language', () => {
    expect(fill('sv', '{n} tecken', { n: 12500 })).toBe('12\u00a0500 tecken');
    expect(fill('en', '{n} characters', { n: 12500 })).toBe('12,500 characters');
    expect(fill('sv', '{total} %', { total: 2.5 })).toBe('2,5 %');
  });

  it('fails loudly on a missing param or key', () => {
    expect(() => fill('sv', 'Ärende {reference}')).toThrow(/reference/);
    expect(() => t('sv', 'age.days')).toThrow(/days/);
    // @ts-expect-error: not a key of the catalogue
    expect(() => t('sv', 'age.nope')).toThrow(/no text for "age.nope"/);
  });

  it('parses each message once per language', () => {
    expect(compileMessage('sv', catalogue('sv').age.days)).toBe(compileMessage('sv', catalogue('sv').age.days));
  });
});

describe('dates on cards', () => {
  it('are formatted with Intl: numeric in Swedish, the month spelled in English, never a shifted day', () => {
    expect(formatDate('sv', '2026-11-23')).toBe('2026-11-23');
    expect(formatDate('en', '2026-11-23')).toBe('23 Nov 2026');
    expect(formatDate('en', '2027-01-01')).toBe('1 Jan 2027');
    expect(formatShortDate('sv', '2026-11-23')).toBe('23 nov.');
    expect(formatShortDate('sv', '2026-05-02')).toBe('2 maj');
    expect(formatShortDate('en', '2026-12-15')).toBe('15 Dec');
  });

  it('refuse what is not a calendar date, rather than showing "Invalid Date"', () => {
    expect(() => formatDate('sv', '2026-11-23T10:00:00Z')).toThrow(/expected a calendar date/);
  });
});
