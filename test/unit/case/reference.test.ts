import { describe, expect, it } from 'vitest';
import { formatCaseReference, parseCaseReference } from '../../../src/domain/case/reference';

describe('case references', () => {
  it.each([
    ['FAR', 2026, 42, 'FAR-2026-0042'],
    ['JAR', 2027, 1, 'JAR-2027-0001'],
    ['SOD', 2026, 12345, 'SOD-2026-12345'],
  ])('formats %s/%i/%i as %s', (district, year, seq, expected) => {
    expect(formatCaseReference(district, year, seq)).toBe(expected);
  });

  it('parses what it formats, case-insensitively', () => {
    expect(parseCaseReference(' far-2026-0042 ')).toEqual({ districtCode: 'FAR', year: 2026, sequence: 42 });
  });

  it.each(['FAR-26-0042', 'FAR2026-0042', 'F-2026-0001', ''])('rejects %j', (ref) => {
    expect(parseCaseReference(ref)).toBeUndefined();
  });
});
