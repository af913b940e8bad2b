import { describe, expect, it } from 'vitest';
import { suggestSupportLevel, type SupportLevelInput } from '../../../src/domain/report/support-level';

const thresholds = { sstPercent: 15, intensivePercent: 50 };
const base: SupportLevelInput = {
  totalAbsencePercent: 0,
  organiser: 'municipal',
  districtOffersIntensive: true,
  upperSecondary: false,
  hasOtherConcerns: false,
};

describe('suggested support level', () => {
  it.each([
    ['low absence, no other concern', { totalAbsencePercent: 10 }, 'school_internal'],
    ['absence at the SST threshold', { totalAbsencePercent: 15 }, 'sst'],
    ['low absence but another concern', { totalAbsencePercent: 5, hasOtherConcerns: true }, 'sst'],
    ['absence at the intensive threshold in an SST+ district', { totalAbsencePercent: 50 }, 'intensive'],
    ['very high absence where SST+ is not offered', { totalAbsencePercent: 80, districtOffersIntensive: false }, 'sst'],
    ['very high absence at an independent school', { totalAbsencePercent: 80, organiser: 'independent' as const }, 'sst'],
    ['very high absence in upper secondary', { totalAbsencePercent: 80, upperSecondary: true }, 'sst'],
  ])('%s → %s', (_name, override, expected) => {
    expect(suggestSupportLevel({ ...base, ...override }, thresholds)).toBe(expected);
  });

  it('follows configured thresholds, not built-in ones', () => {
    expect(suggestSupportLevel({ ...base, totalAbsencePercent: 30 }, { sstPercent: 10, intensivePercent: 25 })).toBe('intensive');
  });
});
