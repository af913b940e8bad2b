import { describe, expect, it } from 'vitest';
import {
  isIntensiveOfferedTo,
  suggestSupportLevel,
  type IntensiveEligibility,
  type SupportLevelInput,
} from '../../../src/domain/report/support-level';

const thresholds = { sstPercent: 15, intensivePercent: 50 };
const base: SupportLevelInput = {
  totalAbsencePercent: 0,
  organiser: 'municipal',
  schoolDistrictOffersIntensive: true,
  homeDistrictOffersIntensive: true,
  upperSecondary: false,
  hasOtherConcerns: false,
};

describe('suggested support level', () => {
  it.each([
    ['low absence, no other concern', { totalAbsencePercent: 10 }, 'school_internal', 'absence'],
    ['absence at the SST threshold', { totalAbsencePercent: 15 }, 'sst', 'absence'],
    ['absence at the SST threshold and another concern', { totalAbsencePercent: 20, hasOtherConcerns: true }, 'sst', 'absence'],
    ['low absence but another concern', { totalAbsencePercent: 5, hasOtherConcerns: true }, 'sst', 'concerns'],
    ['no absence figures, another concern', { totalAbsencePercent: undefined, hasOtherConcerns: true }, 'sst', 'concerns'],
    ['absence at the intensive threshold, living and at school in SST+ districts', { totalAbsencePercent: 50 }, 'intensive', 'absence'],
    ['very high absence where the school district has no SST+', { totalAbsencePercent: 80, schoolDistrictOffersIntensive: false }, 'sst', 'absence'],
    ['very high absence, living in a district without SST+', { totalAbsencePercent: 80, homeDistrictOffersIntensive: false }, 'sst', 'absence'],
    ['very high absence at an independent school', { totalAbsencePercent: 80, organiser: 'independent' as const }, 'sst', 'absence'],
    ['very high absence in upper secondary', { totalAbsencePercent: 80, upperSecondary: true }, 'sst', 'absence'],
  ])('%s → %s, based on %s', (_name, override, level, basis) => {
    expect(suggestSupportLevel({ ...base, ...override }, thresholds)).toEqual({ level, basis });
  });

  it('follows configured thresholds, not built-in ones', () => {
    expect(suggestSupportLevel({ ...base, totalAbsencePercent: 30 }, { sstPercent: 10, intensivePercent: 25 }).level).toBe('intensive');
  });
});

describe('who SST+ is offered to', () => {
  const eligible: IntensiveEligibility = {
    organiser: 'municipal',
    upperSecondary: false,
    schoolDistrictOffersIntensive: true,
    homeDistrictOffersIntensive: true,
  };
  it.each([
    ['a compulsory-school pupil living and at a municipal school in SST+ districts', {}, true],
    ['a pupil living in a district without SST+', { homeDistrictOffersIntensive: false }, false],
    ['a pupil at a school in a district without SST+', { schoolDistrictOffersIntensive: false }, false],
    ['a pupil of an independent school', { organiser: 'independent' as const }, false],
    ['an upper-secondary pupil', { upperSecondary: true }, false],
  ])('%s → %s', (_name, override, expected) => {
    expect(isIntensiveOfferedTo({ ...eligible, ...override })).toBe(expected);
  });
});
