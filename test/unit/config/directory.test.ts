import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDirectoryFile, parseDirectory } from '../../../src/config/directory';
import { containsPersonalIdentityNumber } from '../../../src/domain/free-text/personal-identity-number';
import type { Directory, District, School, SstTeam } from '../../../src/domain/routing/directory';
import { resolveDistrict } from '../../../src/domain/routing/directory';
import { loadSampleDirectory, sampleDirectoryPath } from '../../support/test-directory';

const sample = loadSampleDirectory();
const file = 'stockholm.yaml';

const withDistrict = (d: Directory, i: number, patch: Partial<District>): Directory => ({
  ...d,
  districts: d.districts.map((x, k) => (k === i ? { ...x, ...patch } : x)),
});
const withSchool = (d: Directory, i: number, patch: Partial<School>): Directory => ({
  ...d,
  schools: d.schools.map((x, k) => (k === i ? { ...x, ...patch } : x)),
});
const withTeam = (d: Directory, i: number, patch: Partial<SstTeam>): Directory => ({
  ...d,
  sstTeams: d.sstTeams.map((x, k) => (k === i ? { ...x, ...patch } : x)),
});
const errorsOf = (raw: unknown): string[] => {
  const result = parseDirectory(raw, file);
  return result.ok ? [] : result.errors;
};
const indexOf = <T extends { id: string }>(items: readonly T[], id: string): number => {
  const i = items.findIndex((x) => x.id === id);
  if (i < 0) throw new Error(`the sample directory has no "${id}"`);
  return i;
};

describe('the sample routing directory', () => {
  it('loads and names its version', () => {
    expect(sample.version).toBe('2026-11-sample');
  });

  it('has the 11 current Stockholm districts with unique codes', () => {
    expect(sample.districts.map((d) => d.name).sort((a, b) => a.localeCompare(b, 'sv'))).toEqual([
      'Bromma',
      'Enskede-Årsta-Vantör',
      'Farsta',
      'Hägersten-Älvsjö',
      'Hässelby-Vällingby',
      'Järva',
      'Kungsholmen',
      'Norra innerstaden',
      'Skarpnäck',
      'Skärholmen',
      'Södermalm',
    ]);
    expect(new Set(sample.districts.map((d) => d.code)).size).toBe(11);
  });

  it.each([
    ['Rinkeby-Kista', 'Järva'],
    ['Spånga-Tensta', 'Järva'],
    ['Norrmalm', 'Norra innerstaden'],
    ['Östermalm', 'Norra innerstaden'],
    ['Hägersten-Liljeholmen', 'Hägersten-Älvsjö'],
    ['Älvsjö', 'Hägersten-Älvsjö'],
    ['Enskede-Årsta', 'Enskede-Årsta-Vantör'],
    ['Vantör', 'Enskede-Årsta-Vantör'],
    ['  rinkeby-kista ', 'Järva'],
  ])('maps the legacy district name "%s" to %s', (legacy, current) => {
    expect(resolveDistrict(sample, legacy)?.name).toBe(current);
  });

  it('resolves every district by its code and its current name, in any case and with spaces, and nothing else', () => {
    for (const district of sample.districts) {
      for (const spelling of [district.code, district.name, district.code.toLowerCase(), ` ${district.name.toUpperCase()}  `])
        expect(resolveDistrict(sample, spelling)).toBe(district);
    }
    expect([resolveDistrict(sample, 'Solna'), resolveDistrict(sample, ''), resolveDistrict(sample, 'FA R')]).toEqual([undefined, undefined, undefined]);
  });

  it('resolves by the districts of the directory it is given, also after another directory was read', () => {
    const farsta = sample.districts.findIndex((d) => d.code === 'FAR');
    expect(resolveDistrict(sample, 'Gamla Farsta')).toBeUndefined();
    const renamed = withDistrict(sample, farsta, { aliases: ['Gamla Farsta'] });
    expect(resolveDistrict(renamed, 'gamla farsta')?.code).toBe('FAR');
    expect(resolveDistrict(sample, 'Gamla Farsta')).toBeUndefined();
  });

  it('takes the first district in file order when an unvalidated directory gives two the same name', () => {
    const [first, second] = [0, 1].map((i) => sample.districts[i]?.code);
    const clash = withDistrict(withDistrict(sample, 0, { aliases: ['Gamla stan'] }), 1, { aliases: ['gamla STAN'] });
    expect(resolveDistrict(clash, 'Gamla stan')?.code).toBe(first);
    expect(resolveDistrict(clash, 'gamla STAN')?.code).toBe(first);
    expect(second).not.toBe(first);
  });

  it('offers intensive support (SST+) only in the five focus districts', () => {
    const intensive = sample.districts.filter((d) => d.intensiveSupport).map((d) => d.name);
    expect(intensive.sort()).toEqual(['Enskede-Årsta-Vantör', 'Farsta', 'Järva', 'Kungsholmen', 'Skärholmen']);
  });

  it('contains no personnummer-shaped strings and no outdated paragraph for the reporting duty', () => {
    const content = readFileSync(sampleDirectoryPath, 'utf8');
    expect(containsPersonalIdentityNumber(content)).toBe(false);
    expect(content).not.toContain('14 kap');
  });

  it('is deep-frozen, so a running bot cannot change its routing by accident', () => {
    expect(Object.isFrozen(sample)).toBe(true);
    expect(Object.isFrozen(sample.schools)).toBe(true);
    expect(Object.isFrozen(sample.districts[0]?.fallbackContact)).toBe(true);
    expect(Reflect.set(sample.thresholds, 'sstPercent', 1)).toBe(false);
    expect(sample.thresholds.sstPercent).toBe(15);
  });
});

describe('directory validation', () => {
  const farsta = sample.districts.findIndex((d) => d.code === 'FAR');
  const hva = sample.districts.findIndex((d) => d.code === 'HVA');
  const alviks = indexOf(sample.schools, 'bro-alviksskolan');
  const skondal = indexOf(sample.schools, 'far-skondalsskolan');
  const farTeam = indexOf(sample.sstTeams, 'FAR-SST-1');

  it('accepts the sample as a plain object too', () => {
    expect(errorsOf(structuredClone(sample))).toEqual([]);
  });

  it.each<[string, Directory, string]>([
    ['ten districts', { ...sample, districts: sample.districts.slice(1) }, 'districts: expected 11 districts'],
    ['a duplicated district code', withDistrict(sample, hva, { code: 'FAR' }), `districts[${hva}].code: duplicate district code "FAR"`],
    ['an alias used by two districts', withDistrict(sample, farsta, { aliases: ['Vantör'] }), `districts[${farsta}].aliases[0]: duplicate alias "Vantör"`],
    ['an alias that is a current name', withDistrict(sample, farsta, { aliases: ['Södermalm'] }), `districts[${farsta}].aliases[0]: "Södermalm" is the current name`],
    ['a school in an unknown district', withSchool(sample, skondal, { districtCode: 'XYZ' }), `schools[${skondal}].districtCode: unknown district "XYZ"`],
    ['a school with an unknown team', withSchool(sample, skondal, { sstTeamId: 'FAR-SST-9' }), `schools[${skondal}].sstTeamId: unknown SST team "FAR-SST-9"`],
    ['a school served by another district’s team', withSchool(sample, alviks, { sstTeamId: 'FAR-SST-1' }), `schools[${alviks}].sstTeamId: SST team "FAR-SST-1" works in district FAR, but the school is in BRO`],
    ['a compulsory school on the upper-secondary team', withSchool(sample, alviks, { sstTeamId: 'CITY-SS1' }), `schools[${alviks}].sstTeamId: "CITY-SS1" is the city-wide upper-secondary team`],
    ['a duplicated school id', withSchool(sample, skondal, { id: 'bro-alviksskolan' }), `schools[${skondal}].id: duplicate school id "bro-alviksskolan"`],
    ['a district with an unknown investigation unit', withDistrict(sample, hva, { investigationUnitId: 'HVA-INV-9' }), `districts[${hva}].investigationUnitId: unknown investigation unit "HVA-INV-9"`],
    ['a district pointing at another district’s unit', withDistrict(sample, hva, { investigationUnitId: 'FAR-INV' }), `districts[${hva}].investigationUnitId: investigation unit "FAR-INV" belongs to district FAR, not HVA`],
    ['an unknown upper-secondary team', { ...sample, upperSecondaryTeamId: 'CITY-XX' }, 'upperSecondaryTeamId: unknown SST team "CITY-XX"'],
    ['a duplicated team id', withTeam(sample, farTeam, { id: 'BRO-SST-1' }), 'duplicate SST team id "BRO-SST-1"'],
    ['a team in an unknown district', withTeam(sample, farTeam, { districtCode: 'XYZ' }), `sstTeams[${farTeam}].districtCode: unknown district "XYZ"`],
    ['a team without members', withTeam(sample, farTeam, { members: [] }), `sstTeams[${farTeam}].members: needs at least one member`],
    ['a team without a coordinator', withTeam(sample, farTeam, { coordinators: [] }), `sstTeams[${farTeam}].coordinators: needs at least one coordinator`],
    ['a person without an Entra object id', withTeam(sample, farTeam, { coordinators: [{ id: 'kalle', name: 'Testperson' }] }), `sstTeams[${farTeam}].coordinators[0].id: expected an Entra object id`],
    ['a threshold above 100 %', { ...sample, thresholds: { sstPercent: 120, intensivePercent: 150 } }, 'thresholds.sstPercent: must be between 0 and 100'],
    ['an SST threshold not below the intensive one', { ...sample, thresholds: { sstPercent: 50, intensivePercent: 50 } }, 'thresholds.intensivePercent: must be greater than sstPercent (50)'],
    ['a district code that is not three capitals', withDistrict(sample, farsta, { code: 'Far' }), `districts[${farsta}].code: expected three uppercase letters`],
  ])('rejects %s and says where', (_name, broken, expected) => {
    const errors = errorsOf(broken);
    expect(errors.find((e) => e.includes(expected)), errors.join('\n')).toMatch(new RegExp(`^${file}: `));
  });

  it('rejects a misspelt key instead of ignoring it', () => {
    const misspelt = sample.schools.map(({ sstTeamId, ...rest }, i) => (i === skondal ? { ...rest, sstTeamid: sstTeamId } : { ...rest, sstTeamId }));
    const broken = { ...sample, treshold: 10, schools: misspelt };
    expect(errorsOf(broken)).toEqual(
      expect.arrayContaining([
        `${file}: treshold: unknown key (check the spelling)`,
        `${file}: schools[${skondal}].sstTeamid: unknown key (check the spelling)`,
      ]),
    );
  });

  it('says which required field is missing', () => {
    const { legal: _legal, ...withoutLegal } = sample;
    expect(errorsOf(withoutLegal)).toContain(`${file}: legal: required`);
  });

  it('lists every cross-reference problem at once', () => {
    const broken = withSchool(withDistrict(sample, hva, { investigationUnitId: 'NOPE' }), skondal, { sstTeamId: 'NOPE' });
    expect(errorsOf(broken)).toHaveLength(2);
  });
});

describe('loading a directory file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sst-directory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same directory from JSON', () => {
    const path = join(dir, 'stockholm.json');
    writeFileSync(path, JSON.stringify(sample));
    expect(loadDirectoryFile(path)).toEqual(sample);
  });

  it('stops with every problem and the file name when the file is wrong', () => {
    const path = join(dir, 'broken.json');
    const hva = sample.districts.findIndex((d) => d.code === 'HVA');
    const broken = { ...withDistrict(sample, hva, { investigationUnitId: 'HVA-INV-9' }), thresholds: { sstPercent: 60, intensivePercent: 50 } };
    writeFileSync(path, JSON.stringify(broken));
    expect(() => loadDirectoryFile(path)).toThrow(
      `has 2 problem(s):\n- broken.json: districts[${hva}].investigationUnitId: unknown investigation unit "HVA-INV-9"\n- broken.json: thresholds.intensivePercent: must be greater than sstPercent (60), found 50`,
    );
  });

  it('refuses a YAML key given twice instead of keeping the last one', () => {
    const path = join(dir, 'twice.yaml');
    writeFileSync(path, `${readFileSync(sampleDirectoryPath, 'utf8')}\nversion: "other"\n`);
    expect(() => loadDirectoryFile(path)).toThrow(/twice\.yaml: not valid YAML/);
  });

  it('refuses a file type it cannot read', () => {
    expect(() => loadDirectoryFile(join(dir, 'directory.txt'))).toThrow(/expected a \.yaml, \.yml or \.json/);
  });
});

describe('retention periods in the directory', () => {
  it('reads the placeholder periods of the sample, marked as placeholders', () => {
    expect(sample.retention?.education_committee.days).toBe(730);
    expect(sample.retention?.education_committee.decision).toMatch(/^PLACEHOLDER/);
    expect(sample.retention?.district_committee.decision).toMatch(/^PLACEHOLDER/);
  });

  it('accepts a directory without retention: then nothing is erased', () => {
    const { retention: _none, ...withoutRetention } = sample;
    expect(errorsOf(withoutRetention)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a period of zero days', { days: 0, decision: 'UBN 1' }, 'stockholm.yaml: retention.education_committee.days: must be at least 1 day'],
    ['a fractional period', { days: 1.5, decision: 'UBN 1' }, 'stockholm.yaml: retention.education_committee.days: must be a whole number of days'],
    ['no decision', { days: 30 }, 'stockholm.yaml: retention.education_committee.decision: required'],
  ])('names the path when the education committee has %s', (_name, rule, message) => {
    const retention = { ...sample.retention, education_committee: rule };
    expect(errorsOf({ ...sample, retention })).toContain(message);
  });

  it("reads a district committee's own decision and the independent schools' period, and names an unknown district", () => {
    const own = { days: 1095, decision: 'SDN Skarpnäck 2026/3' };
    const parsed = parseDirectory({ ...sample, retention: { ...sample.retention, districts: { SKA: own } } }, file);
    expect(parsed.ok && parsed.directory.retention?.districts?.['SKA']).toEqual(own);
    expect(sample.retention?.independent_school?.decision).toMatch(/^PLACEHOLDER/);
    expect(errorsOf({ ...sample, retention: { ...sample.retention, districts: { XYZ: own } } })).toContain('stockholm.yaml: retention.districts.XYZ: unknown district "XYZ"');
  });

  it('names a missing authority and an unknown one', () => {
    const errors = errorsOf({ ...sample, retention: { education_committee: { days: 30, decision: 'UBN 1' }, social_committee: { days: 1, decision: 'x' } } });
    expect(errors).toContain('stockholm.yaml: retention.district_committee: required');
    expect(errors).toContain('stockholm.yaml: retention.social_committee: unknown key (check the spelling)');
  });
});

describe('the initial-assessment clock setting in the directory', () => {
  const parsed = (raw: unknown): Directory | undefined => {
    const result = parseDirectory(raw, file);
    return result.ok ? result.directory : undefined;
  };

  it.each<[string, unknown, boolean]>([
    ['the sample, which spells out the default', sample.initialAssessment, false],
    ['a file without the section', undefined, false],
    ['a section without the key', {}, false],
    ['a city that decided a forward to another district restarts it', { forwardToOtherDistrictRestarts: true }, true],
  ])('reads %s', (_name, section, restarts) => {
    const { initialAssessment: _none, ...rest } = sample;
    expect(parsed(section === undefined ? rest : { ...rest, initialAssessment: section })?.initialAssessment.forwardToOtherDistrictRestarts).toBe(restarts);
  });

  it('names a value that is not true or false', () => {
    expect(errorsOf({ ...sample, initialAssessment: { forwardToOtherDistrictRestarts: 'yes' } })).toContain(
      'stockholm.yaml: initialAssessment.forwardToOtherDistrictRestarts: Expected boolean, received string',
    );
  });
});

describe('consent settings and team sides in the directory', () => {
  const farTeam = indexOf(sample.sstTeams, 'FAR-SST-1');
  const parsed = (raw: unknown): Directory => {
    const result = parseDirectory(raw, file);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.directory;
  };

  it('asks both guardians in joint custody when the file says nothing about consent', () => {
    const { consent: _none, ...withoutConsent } = sample;
    expect(parsed(withoutConsent).consent).toEqual({ jointCustody: 'both_guardians' });
  });

  it('takes the city’s decision that one guardian is enough', () => {
    expect(parsed({ ...sample, consent: { jointCustody: 'either_guardian' } }).consent).toEqual({ jointCustody: 'either_guardian' });
  });

  it('names the path of an unknown joint-custody value', () => {
    expect(errorsOf({ ...sample, consent: { jointCustody: 'one_guardian' } }).join('\n')).toContain(`${file}: consent.jointCustody:`);
  });

  it('counts a team member without a side as social services, so that consent limits what they see', () => {
    const untagged = withTeam(sample, farTeam, { members: sample.sstTeams[farTeam]?.members.map(({ id, name }) => ({ id, name })) ?? [] });
    expect(parsed(untagged).sstTeams[farTeam]?.members.map((m) => m.side)).toEqual(['social_services', 'social_services']);
  });

  it('rejects a side it does not know', () => {
    const member = { id: '00000000-0000-4000-8000-000000000018', name: 'Testperson', side: 'teacher' };
    const raw = { ...sample, sstTeams: sample.sstTeams.map((t, i) => (i === farTeam ? { ...t, members: [member] } : t)) };
    expect(errorsOf(raw).join('\n')).toContain(`${file}: sstTeams[${farTeam}].members[0].side:`);
  });
});
