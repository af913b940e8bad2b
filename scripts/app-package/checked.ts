/** The outcome of a packaging step: a value, or every problem found (never just the first). */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };
