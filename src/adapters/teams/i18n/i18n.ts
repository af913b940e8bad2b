import en from './en.json';
import sv from './sv.json';

/** UI languages: Swedish first, English when the Teams locale asks for it. */
export type Lang = 'sv' | 'en';

/** The catalogue's shape is Swedish's; English must have every key (the assignment below checks it). */
export type Catalogue = typeof sv;
const catalogues: Readonly<Record<Lang, Catalogue>> = { sv, en };

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

/** Fills `{name}` placeholders; a placeholder without a value stays visible so that a gap is noticed. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The text for `key` in `lang`, with placeholders filled. */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  let node: unknown = catalogues[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? Reflect.get(node, part) : undefined;
  }
  if (typeof node !== 'string') throw new Error(`i18n: no text for "${key}" in ${lang}`);
  return fill(node, params);
}
