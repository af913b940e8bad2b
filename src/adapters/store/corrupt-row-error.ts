import type { z } from 'zod';

/**
 * A row (SQLite) or item (Cosmos DB) read back from a store does not have the shape this build expects. The
 * message names the table or container, the row and the failing paths, never the stored values (they may
 * hold pupil data).
 */
export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';

  constructor(
    readonly table: string,
    readonly rowId: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`Stored row ${table}/${rowId} is corrupt: ${problem}`, options);
  }
}

/** Parses a JSON column with `schema`; throws CorruptRowError naming the table and row when it does not fit. */
export function parseJsonColumn<S extends z.ZodTypeAny>(
  table: string,
  rowId: string,
  column: string,
  json: string,
  schema: S,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // The parser's message quotes the text it choked on, which may be pupil data: leave it out.
    throw new CorruptRowError(table, rowId, `column ${column} is not valid JSON`);
  }
  return parseStoredValue(table, rowId, value, schema, [column]);
}

/** Parses a value already decoded by the driver; failing paths are reported under `pathPrefix`. */
export function parseStoredValue<S extends z.ZodTypeAny>(
  table: string,
  rowId: string,
  value: unknown,
  schema: S,
  pathPrefix: readonly string[] = [],
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const code = issue.code === 'unrecognized_keys' ? `${issue.code}: ${issue.keys.join(', ')}` : issue.code;
      return `${[...pathPrefix, ...issue.path].join('.') || '(root)'} (${code})`;
    });
    throw new CorruptRowError(table, rowId, `fields that do not fit this build's schema: ${problems.join('; ')}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
