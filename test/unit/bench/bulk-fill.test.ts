import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withIndexesBuiltAfter } from '../../../bench/prefill';

/** The bench's 100,000-case stores are filled with their indexes built after the rows, and must end as the migrations made them. */
describe('bench bulk fill: indexes built after the inserts', () => {
  const schema = (db: Database.Database) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all();

  it('leaves the same schema, indexes over every row, and the unique constraints in force during the fill', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE cases (id TEXT PRIMARY KEY, reference TEXT UNIQUE NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX cases_open ON cases (state, reference) WHERE state <> 'closed';
      CREATE INDEX cases_unit ON cases (json_extract(body, '$.unit'));
      CREATE TABLE other (id INTEGER PRIMARY KEY, v TEXT);
      CREATE INDEX other_v ON other (v);
    `);
    const before = schema(db);
    const seenDuringFill: unknown[] = [];
    withIndexesBuiltAfter(db, ['cases'], () => {
      seenDuringFill.push(...db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all());
      const insert = db.prepare('INSERT INTO cases (id, reference, state, body) VALUES (?, ?, ?, ?)');
      for (let i = 0; i < 1_000; i += 1) insert.run(`c${i}`, `R-${i}`, i % 2 === 0 ? 'new' : 'closed', JSON.stringify({ unit: `U${i % 7}` }));
      expect(() => insert.run('c-dup', 'R-1', 'new', '{}')).toThrow(/UNIQUE/);
    });
    // Only the table's own secondary indexes were away, and all came back as they were.
    expect(seenDuringFill).toEqual([{ name: 'other_v' }, { name: 'sqlite_autoindex_cases_1' }, { name: 'sqlite_autoindex_cases_2' }]);
    expect(schema(db)).toEqual(before);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // INDEXED BY fails when the index is missing or cannot serve the query: both are there, over every row.
    expect(db.prepare("SELECT count(*) AS n FROM cases INDEXED BY cases_open WHERE state <> 'closed' AND state = 'new'").get()).toEqual({ n: 500 });
    expect(db.prepare("SELECT count(*) AS n FROM cases INDEXED BY cases_unit WHERE json_extract(body, '$.unit') = 'U3'").get()).toEqual({ n: 143 });
  });
});
