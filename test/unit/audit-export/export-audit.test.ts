import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/app/ports/audit';
import { parseExportArgs } from '../../../scripts/audit-export/export-args';
import { auditToCsv, auditToJson, csvField } from '../../../scripts/audit-export/format-audit';

describe('audit export arguments', () => {
  it('reads the period, the format and a case', () => {
    expect(parseExportArgs(['--from', '2026-01-01', '--to', '2026-12-31', '--format', 'json', '--case', 'case-1'])).toEqual({
      ok: true,
      args: { from: '2026-01-01', to: '2026-12-31', format: 'json', caseId: 'case-1' },
    });
    expect(parseExportArgs(['--from', '2026-01-01', '--to', '2026-01-01'])).toEqual({ ok: true, args: { from: '2026-01-01', to: '2026-01-01', format: 'csv' } });
  });

  it.each<[string, string[], string]>([
    ['a missing period', [], '--from: required'],
    ['a date that does not exist', ['--from', '2026-02-30', '--to', '2026-03-01'], '--from: expected a date YYYY-MM-DD'],
    ['a period that ends before it starts', ['--from', '2026-05-01', '--to', '2026-04-01'], '--to: must not be before --from'],
    ['an unknown format', ['--from', '2026-01-01', '--to', '2026-02-01', '--format', 'xlsx'], '--format:'],
    ['an unknown option', ['--from', '2026-01-01', '--to', '2026-02-01', '--pupil', 'AB'], '--pupil: unknown option'],
    ['an option without a value', ['--from', '2026-01-01', '--to'], '--to: needs a value'],
    ['a stray word', ['2026-01-01'], '"2026-01-01": expected an option'],
  ])('explains %s and shows the usage', (_name, argv, problem) => {
    const result = parseExportArgs(argv);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.some((p) => p.startsWith(problem))).toBe(true);
    expect(problems.at(-1)).toMatch(/^Usage: npm run audit:export/);
  });
});

describe('audit export formats', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
  ])('writes %j as the CSV field %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  const entries: AuditEntry[] = [
    { at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: 'case-1' },
    { at: '2026-11-23T10:00:00.000Z', actorId: 'sst-1', action: 'case.take', caseId: 'case-1', detail: { to: 'assigned', from: 'new' } },
    { at: '2026-11-23T11:00:00.000Z', actorId: 'system:retention', action: 'retention.purged', detail: { count: '0', decision: 'UBN 2026/1, §4' } },
  ];

  it('writes CSV with a header, one row per entry, detail as sorted key=value pairs, CRLF line ends', () => {
    expect(auditToCsv(entries)).toBe(
      [
        'at,actorId,action,caseId,detail',
        '2026-11-23T09:00:00.000Z,teacher-1,case.submitted,case-1,',
        '2026-11-23T10:00:00.000Z,sst-1,case.take,case-1,from=new;to=assigned',
        '2026-11-23T11:00:00.000Z,system:retention,retention.purged,,"count=0;decision=UBN 2026/1, §4"',
        '',
      ].join('\r\n'),
    );
    expect(auditToCsv([])).toBe('at,actorId,action,caseId,detail\r\n');
  });

  it('writes JSON that reads back as the entries', () => {
    expect(JSON.parse(auditToJson(entries))).toEqual(entries);
    expect(JSON.parse(auditToJson([]))).toEqual([]);
  });
});
