import type { FieldError } from '../../../domain/errors';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = isoDate.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/**
 * Reads raw card input strings into typed values, collecting one field error per bad field. Each read
 * returns a harmless placeholder on error so callers can build a typed draft and check `errors` once.
 */
export class FieldReader<F extends string> {
  readonly errors: FieldError<F>[] = [];

  constructor(private readonly values: Partial<Record<F, string>>) {}

  private raw(field: F): string {
    return (this.values[field] ?? '').trim();
  }

  private fail<T>(field: F, code: FieldError<F>['code'], fallback: T, params?: FieldError<F>['params']): T {
    this.errors.push(params ? { field, code, params } : { field, code });
    return fallback;
  }

  text(field: F, o: { required: boolean; max: number }): string {
    const v = this.raw(field);
    if (v === '') return o.required ? this.fail(field, 'required', '') : '';
    if (v.length > o.max) return this.fail(field, 'too_long', '', { max: o.max });
    return v;
  }

  oneOf<T extends string | number>(field: F, options: readonly T[], fallback: T, o: { required: boolean }): T {
    const v = this.raw(field);
    if (v === '') return o.required ? this.fail(field, 'required', fallback) : fallback;
    const hit = options.find((x) => String(x) === v);
    return hit ?? this.fail(field, 'invalid', fallback);
  }

  multi<T extends string>(field: F, options: readonly T[]): T[] {
    const parts = this.raw(field).split(',').map((p) => p.trim()).filter((p) => p !== '');
    const picked = options.filter((o) => parts.includes(o));
    return picked.length === parts.length ? picked : this.fail(field, 'invalid', []);
  }

  toggle(field: F): boolean {
    const v = this.raw(field);
    if (v === '' || v === 'false') return false;
    return v === 'true' ? true : this.fail(field, 'invalid', false);
  }

  date(field: F, o: { required: true }): string;
  date(field: F, o: { required: false }): string | undefined;
  date(field: F, o: { required: boolean }): string | undefined {
    const v = this.raw(field);
    if (v === '') return o.required ? this.fail(field, 'required', '') : undefined;
    return isRealDate(v) ? v : this.fail(field, 'invalid', o.required ? '' : undefined);
  }

  /** Accepts a decimal comma ("12,5"), as Swedish users type it. */
  number(field: F, o: { required: boolean; min: number; max: number; integer?: boolean }): number {
    const v = this.raw(field).replace(',', '.');
    if (v === '') return o.required ? this.fail(field, 'required', 0) : 0;
    const n = Number(v);
    if (!Number.isFinite(n) || (o.integer === true && !Number.isInteger(n))) return this.fail(field, 'invalid', 0);
    if (n < o.min || n > o.max) return this.fail(field, 'out_of_range', 0, { min: o.min, max: o.max });
    return n;
  }
}
