import { err, ok, type FieldError, type Result } from '../errors';
import { containsPersonalIdentityNumber } from './personal-identity-number';

/**
 * The rules every text a person types must pass before it is stored, whatever the form: within its length and
 * without a personal identity number (domain.md A7, L24). Returns the trimmed text or the field's one error.
 */
export function checkFreeText<F extends string>(
  field: F,
  text: string,
  o: { maxLength: number; required: boolean },
): Result<string, FieldError<F>[]> {
  const trimmed = text.trim();
  if (trimmed.length === 0) return o.required ? err([{ field, code: 'required' }]) : ok('');
  if (trimmed.length > o.maxLength) return err([{ field, code: 'too_long', params: { max: o.maxLength } }]);
  if (containsPersonalIdentityNumber(trimmed)) return err([{ field, code: 'personnummer' }]);
  return ok(trimmed);
}
