/**
 * Migration 9: statistics at city scale (bench/statistics.ts: 100,000 cases, the whole city, ≤ 200 ms). The largest
 * aggregates are kept as daily counts in tables that triggers on `case_statistics` maintain, so in the same
 * transaction as the row and thus as the case: a school year reads a few thousand counts instead of 100,000 rows.
 * An update takes the row's old facts out of the counts and adds its new ones; a count that reaches zero is removed.
 * Released with migration 9: never change this text (migrations.ts), add a migration instead.
 */

/** A key column of a counts table and its value for a statistics row (`r` is `new.`, `old.` or empty). */
interface KeyColumn {
  name: string;
  type: 'TEXT' | 'INTEGER';
  of: (r: string) => string;
}

const column = (name: string, type: KeyColumn['type'] = 'TEXT'): KeyColumn => ({ name, type, of: (r) => `${r}${name}` });
/** A key column cannot be NULL, so an absent code is counted under ''; queries read it back with `nullif(…, '')`. */
const optionalCode = (name: string): KeyColumn => ({ name, type: 'TEXT', of: (r) => `coalesce(${r}${name}, '')` });

/** The counts table `table` of the rows for which `counts` holds, by `key`: created, filled, and kept by triggers. */
function countsTable(table: string, key: readonly KeyColumn[], counts: (r: string) => string): string {
  const values = (r: string): string => key.map((k) => k.of(r)).join(', ');
  const sameKey = key.map((k) => `${k.name} = ${k.of('old.')}`).join(' AND ');
  const add = `INSERT INTO ${table} VALUES (${values('new.')}, 1) ON CONFLICT DO UPDATE SET n = n + 1;`;
  return `
  CREATE TABLE ${table} (
    ${key.map((k) => `${k.name} ${k.type} NOT NULL,`).join('\n    ')}
    n INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (${key.map((k) => k.name).join(', ')})
  ) STRICT, WITHOUT ROWID;
  INSERT INTO ${table} SELECT ${values('')}, count(*) FROM case_statistics WHERE ${counts('')} GROUP BY ${key.map((_, i) => i + 1).join(', ')};
  CREATE TRIGGER ${table}_added AFTER INSERT ON case_statistics WHEN ${counts('new.')} BEGIN
    ${add}
  END;
  CREATE TRIGGER ${table}_left AFTER UPDATE ON case_statistics WHEN ${counts('old.')} BEGIN
    UPDATE ${table} SET n = n - 1 WHERE ${sameKey};
    DELETE FROM ${table} WHERE ${sameKey} AND n = 0;
  END;
  CREATE TRIGGER ${table}_entered AFTER UPDATE ON case_statistics WHEN ${counts('new.')} BEGIN
    ${add}
  END;
`;
}

const notMerged = (r: string): string => `${r}state <> 'merged'`;
const referral = (r: string): string => `${r}kind = 'referral' AND ${notMerged(r)}`;

export const statisticsCountsMigration = `
  DROP INDEX statistics_by_report;
  DROP INDEX statistics_by_taken;
  DROP INDEX statistics_by_closed;
  ${countsTable(
    'statistics_reports_daily',
    [column('district_code'), column('reported_on'), column('kind'), optionalCode('support_level'), column('suspected_harm', 'INTEGER')],
    notMerged,
  )}
  ${countsTable('statistics_taken_daily', [column('district_code'), column('taken_on'), column('reported_on')], (r) => `${referral(r)} AND ${r}taken_on IS NOT NULL`)}
  ${countsTable('statistics_closed_daily', [column('district_code'), column('closed_on'), optionalCode('outcome')], (r) => `${r}kind = 'referral' AND ${r}state = 'closed' AND ${r}closed_on IS NOT NULL`)}
  ${countsTable('statistics_still_open_daily', [column('district_code'), column('reported_on')], (r) => `${referral(r)} AND ${r}closed_on IS NULL`)}

  -- Cases open on a date that is not today: the still open ones plus those closed after the date, a short range.
  CREATE INDEX statistics_closed_after ON case_statistics (district_code, closed_on, kind, state, reported_on)
    WHERE closed_on IS NOT NULL;
  -- Attendance changes barely repeat by day and district, so they stay rows, in an index of those rows only.
  CREATE INDEX statistics_attendance ON case_statistics (district_code, reported_on, support_level, attendance_change_points, kind, state)
    WHERE attendance_change_points IS NOT NULL;
`;
