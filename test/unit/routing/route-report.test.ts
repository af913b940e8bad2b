import { describe, expect, it } from 'vitest';
import type { HomeDistrictAnswer, YearGroup } from '../../../src/domain/report/report';
import { findSchool, type Directory } from '../../../src/domain/routing/directory';
import { routeReport, type RoutingDecision, type RoutingInput } from '../../../src/domain/routing/route-report';
import { loadSampleDirectory } from '../../support/test-directory';

const dir = loadSampleDirectory();
const livesIn = (district: string): HomeDistrictAnswer => ({ kind: 'district', district });
/** By default the pupil lives in the school's district, as the reporter chose it. */
const input = (schoolId: string, overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  schoolId,
  yearGroup: 7,
  homeDistrict: livesIn(findSchool(dir, schoolId)?.districtCode ?? 'none'),
  suspectedHarm: false,
  ...overrides,
});
/** The sample directory with `takesUnknownHomeDistrict` set for the given districts. */
const takingUnknown = (...codes: string[]): Directory => ({
  ...dir,
  districts: dir.districts.map((d) => (codes.includes(d.code) ? { ...d, takesUnknownHomeDistrict: true } : d)),
});

describe('routing a report', () => {
  const everyDistrict: [string, string, string, string][] = [
    ['BRO', 'bro-alviksskolan', 'BRO-SST-1', 'BRO-INV'],
    ['EAV', 'eav-hagsatraskolan', 'EAV-SST-1', 'EAV-INV'],
    ['FAR', 'far-hokarangsskolan', 'FAR-SST-1', 'FAR-INV'],
    ['HAE', 'hae-aspuddsskolan', 'HAE-SST-1', 'HAE-INV'],
    ['HVA', 'hva-grimstaskolan', 'HVA-SST-1', 'HVA-INV'],
    ['JAR', 'jar-rinkebyskolan', 'JAR-SST-1', 'JAR-INV'],
    ['KUN', 'kun-fridhemsskolan', 'KUN-SST-1', 'KUN-INV'],
    ['NIN', 'nin-matteusskolan', 'NIN-SST-1', 'NIN-INV'],
    ['SKA', 'ska-bjorkhagens-skola', 'SKA-SST-1', 'SKA-INV'],
    ['SKH', 'skh-bredangsskolan', 'SKH-SST-1', 'SKH-INV'],
    ['SOD', 'sod-eriksdalsskolan', 'SOD-SST-1', 'SOD-INV'],
  ];

  it('covers all 11 districts in the table below', () => {
    expect(everyDistrict.map(([code]) => code).sort()).toEqual(dir.districts.map((d) => d.code).sort());
  });

  it.each(everyDistrict)('sends a report from a school in %s to that district’s team and investigation unit', (code, schoolId, teamId, unitId) => {
    expect(routeReport(input(schoolId), dir)).toEqual({
      schoolDistrictCode: code,
      sstTeamId: teamId,
      homeDistrictCode: code,
      investigationUnitId: unitId,
      urgent: false,
      flags: [],
      reasons: [
        { code: 'sst_by_school', teamId, schoolId },
        { code: 'investigation_by_school_district', districtCode: code, unitId, because: 'same' },
      ],
    });
  });

  it('picks the team that serves the school when a district has two', () => {
    expect(routeReport(input('jar-rinkebyskolan'), dir)?.sstTeamId).toBe('JAR-SST-1');
    expect(routeReport(input('jar-hjulsta-grundskola'), dir)?.sstTeamId).toBe('JAR-SST-2');
  });

  it.each<[string, HomeDistrictAnswer, string, string]>([
    ['by code', livesIn('SOD'), 'SOD', 'SOD-INV'],
    ['by name', livesIn('Södermalm'), 'SOD', 'SOD-INV'],
    ['by the legacy name Rinkeby-Kista', livesIn('Rinkeby-Kista'), 'JAR', 'JAR-INV'],
    ['by the legacy name Östermalm', livesIn('Östermalm'), 'NIN', 'NIN-INV'],
    ['by the legacy name Älvsjö', livesIn('Älvsjö'), 'HAE', 'HAE-INV'],
    ['by the legacy name Vantör', livesIn('Vantör'), 'EAV', 'EAV-INV'],
  ])('sends the investigation side to the pupil’s home district given %s, and keeps the school’s team', (_how, home, code, unitId) => {
    const decision = routeReport(input('far-hokarangsskolan', { homeDistrict: home }), dir);
    expect(decision).toMatchObject({ schoolDistrictCode: 'FAR', sstTeamId: 'FAR-SST-1', homeDistrictCode: code, investigationUnitId: unitId });
    expect(decision?.reasons).toContainEqual({ code: 'investigation_by_home_district', districtCode: code, unitId });
  });

  it.each<[string, HomeDistrictAnswer]>([
    ['by code', livesIn('FAR')],
    ['by name', livesIn('Farsta')],
  ])('says the pupil lives in the school’s district when the reporter chose it %s', (_how, home) => {
    const decision = routeReport(input('far-hokarangsskolan', { homeDistrict: home }), dir);
    expect(decision).toMatchObject({ homeDistrictCode: 'FAR', investigationUnitId: 'FAR-INV', flags: [] });
    expect(decision?.reasons).toContainEqual({ code: 'investigation_by_school_district', districtCode: 'FAR', unitId: 'FAR-INV', because: 'same' });
  });
});

describe('routing a report whose reporter does not know where the pupil lives', () => {
  const unknown: HomeDistrictAnswer = { kind: 'unknown' };
  const flaggedOnly = (urgent: boolean): Partial<RoutingDecision> => ({
    sstTeamId: 'FAR-SST-1',
    urgent,
    flags: ['home_district_unknown'],
  });
  const toSchoolUnit = (urgent: boolean): Partial<RoutingDecision> => ({
    sstTeamId: 'FAR-SST-1',
    investigationUnitId: 'FAR-INV',
    urgent,
    flags: ['home_district_unknown'],
  });
  const schoolUnitReason = { code: 'investigation_by_school_district', districtCode: 'FAR', unitId: 'FAR-INV', because: 'unknown' };

  it.each<[string, HomeDistrictAnswer, boolean, Directory, Partial<RoutingDecision>, object[]]>([
    ["\"don't know\", by default: no unit is guessed, flagged", unknown, false, dir, flaggedOnly(false), [{ code: 'home_district_unknown' }]],
    ['suspected harm, by default: still urgent, but no unit is guessed, flagged', unknown, true, dir, flaggedOnly(true), [{ code: 'home_district_unknown' }]],
    ['a district name that matches nothing: treated as not known', livesIn('Atlantis'), true, dir, flaggedOnly(true), [{ code: 'home_district_unknown' }]],
    ['another district takes unknown homes: not this school’s', unknown, true, takingUnknown('SKA'), flaggedOnly(true), [{ code: 'home_district_unknown' }]],
    ["\"don't know\" where the school's district takes such reports: its unit, flagged", unknown, false, takingUnknown('FAR'), toSchoolUnit(false), [schoolUnitReason]],
    ['suspected harm where the school’s district takes such reports: urgent to its unit, flagged', unknown, true, takingUnknown('FAR'), toSchoolUnit(true), [schoolUnitReason, { code: 'urgent_to_investigation' }]],
  ])('%s', (_case, home, suspectedHarm, directory, expected, reasons) => {
    const decision = routeReport(input('far-hokarangsskolan', { homeDistrict: home, suspectedHarm }), directory);
    expect(decision).toMatchObject(expected);
    expect(decision?.homeDistrictCode).toBeUndefined();
    expect(decision?.investigationUnitId).toBe(expected.investigationUnitId);
    expect(decision?.reasons.slice(1)).toEqual(reasons);
  });

  it('does not record the school’s district as the home in any case', () => {
    for (const directory of [dir, takingUnknown('FAR')])
      expect(routeReport(input('far-hokarangsskolan', { homeDistrict: unknown, suspectedHarm: true }), directory)?.reasons).not.toContainEqual(
        expect.objectContaining({ because: 'same' }),
      );
  });
});

describe('routing a report (continued)', () => {

  it('routes no investigation unit for a pupil from another municipality, and flags it', () => {
    const decision = routeReport(input('far-hokarangsskolan', { homeDistrict: { kind: 'other_municipality' } }), dir);
    expect(decision).toMatchObject({ sstTeamId: 'FAR-SST-1', flags: ['other_municipality'] });
    expect(decision?.investigationUnitId).toBeUndefined();
    expect(decision?.homeDistrictCode).toBeUndefined();
    expect(decision?.reasons).toContainEqual({ code: 'other_municipality' });
  });

  it.each<[string, string, YearGroup]>([
    ['a gymnasium with the city-wide team', 'nin-norra-real', 11],
    ['a school with no team of its own', 'nin-franska-skolan', 10],
  ])('sends an upper-secondary pupil at %s to the city-wide team', (_case, schoolId, yearGroup) => {
    const decision = routeReport(input(schoolId, { yearGroup, homeDistrict: livesIn('Skärholmen') }), dir);
    expect(decision).toMatchObject({ sstTeamId: 'CITY-SS1', flags: [], investigationUnitId: 'SKH-INV' });
    expect(decision?.reasons).toContainEqual({ code: 'upper_secondary_team', teamId: 'CITY-SS1' });
  });

  it('sends a question about an upper-secondary-only school without a team to the city-wide team, not the fallback', () => {
    const gymnasium = { id: 'hva-test-gymnasium', name: 'Testgymnasiet', districtCode: 'HVA', forms: ['upper_secondary' as const], organiser: 'municipal' as const };
    const withGymnasium: Directory = { ...dir, schools: [...dir.schools, gymnasium] };
    const decision = routeReport({ schoolId: gymnasium.id, homeDistrict: { kind: 'unknown' }, suspectedHarm: false }, withGymnasium);
    expect(decision).toMatchObject({ sstTeamId: 'CITY-SS1' });
    expect(decision?.flags).not.toContain('no_sst_team');
  });

  it('sends a compulsory-school pupil at a school without a team to the district’s fallback contact, and flags it', () => {
    const decision = routeReport(input('nin-franska-skolan'), dir);
    expect(decision).toMatchObject({ schoolDistrictCode: 'NIN', fallbackDistrictCode: 'NIN', flags: ['no_sst_team'], investigationUnitId: 'NIN-INV' });
    expect(decision?.sstTeamId).toBeUndefined();
    expect(decision?.reasons).toContainEqual({ code: 'no_sst_team_fallback', districtCode: 'NIN' });
  });

  it('marks suspected harm as urgent for the home district’s investigation unit, alongside the team', () => {
    const decision = routeReport(input('far-hokarangsskolan', { suspectedHarm: true, homeDistrict: livesIn('Spånga-Tensta') }), dir);
    expect(decision).toMatchObject({ urgent: true, sstTeamId: 'FAR-SST-1', investigationUnitId: 'JAR-INV' });
    expect(decision?.reasons).toContainEqual({ code: 'urgent_to_investigation' });
  });

  it('keeps suspected harm urgent and flagged when the pupil lives in another municipality', () => {
    const decision = routeReport(input('far-hokarangsskolan', { suspectedHarm: true, homeDistrict: { kind: 'other_municipality' } }), dir);
    expect(decision).toMatchObject({ urgent: true, flags: ['other_municipality'] });
    expect(decision?.investigationUnitId).toBeUndefined();
  });

  it('does not mark a report urgent without suspected harm', () => {
    const decision = routeReport(input('far-hokarangsskolan'), dir);
    expect(decision?.urgent).toBe(false);
    expect(decision?.reasons).not.toContainEqual({ code: 'urgent_to_investigation' });
  });

  it('routes nothing for a school that is not in the directory', () => {
    expect(routeReport(input('no-such-school'), dir)).toBeUndefined();
  });
});
