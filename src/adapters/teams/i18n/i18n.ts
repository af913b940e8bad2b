import IntlMessageFormat from 'intl-messageformat';
import en from './en.json';
import sv from './sv.json';

/** UI languages: Swedish first, English when the Teams locale asks for it. */
export type Lang = 'sv' | 'en';

/** The catalogue's shape is Swedish's; English must have every key (the assignment below checks it). */
export type Catalogue = typeof sv;
const catalogues: Readonly<Record<Lang, Catalogue>> = { sv, en };

/** The `Intl` locale each UI language formats numbers, dates and plural categories with. */
export const intlLocale: Readonly<Record<Lang, string>> = { sv: 'sv-SE', en: 'en-GB' };

/** Dotted paths to every string in the catalogue, e.g. `help.title`. */
type PathsOf<T> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends object ? `${K}.${PathsOf<T[K]>}` : never;
}[keyof T & string];
export type MessageKey = PathsOf<Catalogue>;

export type Params = Readonly<Record<string, string | number>>;

/** `en`, `en-US`, `en-GB` → English; everything else, including no locale at all, → Swedish. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale !== undefined && /^en(?:[-_]|$)/i.test(locale) ? 'en' : 'sv';
}

export function catalogue(lang: Lang): Catalogue {
  return catalogues[lang];
}

interface Compiled {
  formatter: IntlMessageFormat;
  /** Params placed as plain `{x}`: a number there is formatted here, since ICU prints it with `String()`. */
  plain: ReadonlySet<string>;
  /**
   * For a message of text and plain `{x}` only (most of the catalogue), its parsed pieces: filled here without a
   * call into the formatter, which is several times slower per message and cards fill dozens on every render.
   */
  pieces?: readonly (string | { arg: string })[];
}

// Cards are rendered on every turn: each message is parsed once per language and the formatter reused.
const compiled: Readonly<Record<Lang, Map<string, Compiled>>> = { sv: new Map(), en: new Map() };
const numberFormats: Readonly<Record<Lang, Intl.NumberFormat>> = {
  sv: new Intl.NumberFormat(intlLocale.sv),
  en: new Intl.NumberFormat(intlLocale.en),
};

type Ast = ReturnType<IntlMessageFormat['getAst']>;
const literalType = 0; // TYPE.literal in @formatjs/icu-messageformat-parser
const argumentType = 1; // TYPE.argument

function piecesOf(ast: Ast): (string | { arg: string })[] | undefined {
  const pieces: (string | { arg: string })[] = [];
  for (const el of ast) {
    if (el.type === literalType) pieces.push(el.value);
    else if (el.type === argumentType) pieces.push({ arg: el.value });
    else return undefined;
  }
  return pieces;
}

function plainArguments(ast: Ast, into = new Set<string>()): Set<string> {
  for (const el of ast) {
    if (el.type === argumentType) into.add(el.value);
    if ('options' in el) for (const option of Object.values(el.options)) plainArguments(option.value, into);
    if ('children' in el) plainArguments(el.children, into);
  }
  return into;
}

function compiledMessage(lang: Lang, message: string): Compiled {
  const cache = compiled[lang];
  let entry = cache.get(message);
  if (entry === undefined) {
    const formatter = new IntlMessageFormat(message, intlLocale[lang], undefined, { ignoreTag: true });
    const ast = formatter.getAst();
    const pieces = piecesOf(ast);
    entry = pieces === undefined ? { formatter, plain: plainArguments(ast) } : { formatter, plain: plainArguments(ast), pieces };
    cache.set(message, entry);
  }
  return entry;
}

/**
 * The compiled ICU MessageFormat message (`{days, plural, one {# skoldag} other {# skoldagar}}`) for `lang`.
 * Tags are not markup here (`ignoreTag`): cards carry plain text and Markdown.
 */
export function compileMessage(lang: Lang, message: string): IntlMessageFormat {
  return compiledMessage(lang, message).formatter;
}

/**
 * Formats an ICU message with `params`: numbers with `Intl` for `lang` ("12 500", "2,5"), plurals by `lang`'s
 * plural rules. A missing param throws (a bug, so that a gap is noticed in tests rather than shown to a user).
 */
export function fill(lang: Lang, message: string, params: Params = {}): string {
  const { formatter, plain, pieces } = compiledMessage(lang, message);
  if (pieces !== undefined) return fillPieces(lang, pieces, params);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    values[name] = typeof value === 'number' && plain.has(name) ? numberFormats[lang].format(value) : value;
  }
  const text = formatter.format(values);
  if (typeof text !== 'string') throw new Error('i18n: a message formatted to parts, not text');
  return text;
}

function fillPieces(lang: Lang, pieces: readonly (string | { arg: string })[], params: Params): string {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    const value = params[piece.arg];
    if (value === undefined) throw new Error(`i18n: no value for the param "${piece.arg}"`);
    text += typeof value === 'number' ? numberFormats[lang].format(value) : value;
  }
  return text;
}

/** The text for `key` in `lang`, with its params formatted. */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  let node: unknown = catalogues[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? Reflect.get(node, part) : undefined;
  }
  if (typeof node !== 'string') throw new Error(`i18n: no text for "${key}" in ${lang}`);
  return fill(lang, node, params);
}
