import { describe, expect, it } from 'vitest';
import type { HomeDistrictAnswer, YearGroup } from '../../../src/domain/report/report';
import type { Directory } from '../../../src/domain/routing/directory';
import { routeReport, type RoutingInput } from '../../../src/domain/routing/route-report';
import { loadSampleDirectory } from '../../support/test-directory';

const dir = loadSampleDirectory();
const same: HomeDistrictAnswer = { kind: 'same' };
const input = (schoolId: string, overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  schoolId,
  yearGroup: 7,
  homeDistrict: same,
  suspectedHarm: false,
  ...overrides,
});
const livesIn = (district: string): HomeDistrictAnswer => ({ kind: 'district', district });

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

  it.each<[string, HomeDistrictAnswer, 'same' | 'unknown']>([
    ['the same district', same, 'same'],
    ['the school’s district by name', livesIn('Farsta'), 'same'],
    ['an unknown home', { kind: 'unknown' }, 'unknown'],
    ['a district name that matches nothing', livesIn('Atlantis'), 'unknown'],
  ])('uses the school’s district for the investigation side for %s', (_case, home, because) => {
    const decision = routeReport(input('far-hokarangsskolan', { homeDistrict: home }), dir);
    expect(decision).toMatchObject({ homeDistrictCode: 'FAR', investigationUnitId: 'FAR-INV', flags: [] });
    expect(decision?.reasons).toContainEqual({ code: 'investigation_by_school_district', districtCode: 'FAR', unitId: 'FAR-INV', because });
  });

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
    expect(decision).toMatchObject({ sstTeamId: 'CITY-SS1', flags: [] });
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
