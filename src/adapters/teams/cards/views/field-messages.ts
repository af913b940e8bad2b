import type { FieldError } from '../../../../domain/errors';
import { catalogue, fill, type Lang } from '../../i18n/i18n';

/** One message per field ('' where the field is fine), so that the template can bind every field by name. */
export function fieldMessages<F extends string>(
  fields: readonly F[],
  errors: readonly FieldError<F>[],
  lang: Lang,
): Partial<Record<F, string>> {
  const texts = catalogue(lang).fieldErrors;
  const messages: Partial<Record<F, string>> = {};
  for (const f of fields) messages[f] = '';
  for (const e of errors) {
    const text = fill(lang, texts[e.code], e.params);
    const before = messages[e.field];
    messages[e.field] = before === undefined || before === '' ? text : `${before} ${text}`;
  }
  return messages;
}

export interface Choice {
  value: string;
  title: string;
}

/** Choices for a fixed set of stored values, titled from a catalogue group. */
export function choicesOf<V extends string | number>(values: readonly V[], titles: Readonly<Record<string, string>>): Choice[] {
  return values.map((v) => ({ value: String(v), title: titles[String(v)] ?? String(v) }));
}
