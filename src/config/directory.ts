import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { defaultOtherOrganiserRoutine, type Directory } from '../domain/routing/directory';
import { defaultReminderSettings, type ReminderSettings } from '../domain/reminders/reminder-settings';
import { districtCode, id, localizedText, people, percent, personRef, teamPeople, text } from './directory-fields';
import { legalSchema } from './directory-legal';
import { calendarSchema, consentSettingsSchema, remindersSchema, retentionSchema, withOverride } from './directory-settings';

/**
 * The routing directory file (districts, schools, teams, investigation units): zod schemas, the
 * cross-reference rules between them, and a loader. Every problem names the file, the path and what is
 * wrong; a valid directory comes back deep-frozen.
 */

/** Stockholm has had 11 district administrations since 1 July 2023 (domain.md D1, D2). */
export const expectedDistrictCount = 11;


const districtSchema = z
  .object({
    code: districtCode,
    name: text,
    aliases: z.array(text).default([]),
    intensiveSupport: z.boolean(),
    investigationUnitId: id,
    // Whether this district's unit takes reports about pupils at its schools whose home district is unknown.
    // The city's call; absent: no, such a report is flagged and goes to no unit (never guessed).
    takesUnknownHomeDistrict: z.boolean().default(false),
    fallbackContact: personRef,
    concernReportChannel: localizedText,
    outOfHoursContact: localizedText,
  })
  .strict();

const schoolSchema = z
  .object({
    id,
    name: text,
    districtCode,
    forms: z
      .array(z.enum(['compulsory', 'upper_secondary']))
      .min(1, 'needs at least one school form')
      .refine((forms) => new Set(forms).size === forms.length, 'lists a school form twice'),
    organiser: z.enum(['municipal', 'independent']),
    sstTeamId: id.optional(),
    headTeacher: personRef.optional(),
  })
  .strict();

const sstTeamSchema = z
  .object({
    id,
    name: text,
    districtCode,
    members: teamPeople('member'),
    coordinators: teamPeople('coordinator'),
    personalDelivery: z.enum(['always', 'when_no_channel']).default('when_no_channel'),
  })
  .strict();

const investigationUnitSchema = z
  .object({ id, name: text, districtCode, contacts: people('contact'), managers: people('manager') })
  .strict();

const baseSchema = z
  .object({
    version: text,
    // Sample data (fictional people) says so: production refuses it unless ALLOW_SAMPLE_DIRECTORY=true.
    sample: z.boolean().default(false),
    districts: z.array(districtSchema),
    schools: z.array(schoolSchema),
    sstTeams: z.array(sstTeamSchema),
    investigationUnits: z.array(investigationUnitSchema),
    upperSecondaryTeamId: id.optional(),
    // IT staff who may reload the directory from Teams; they see no case content (domain.md R7).
    admins: z.array(personRef).default([]),
    // The city's evaluation staff: anonymous statistics of every district, no case content (issue #16).
    evaluators: z.array(personRef).default([]),
    // Not statutory (domain.md A3): the city sets them.
    thresholds: z.object({ sstPercent: percent, intensivePercent: percent }).strict(),
    legal: legalSchema,
    calendar: calendarSchema,
    // Whether a forward to another district's unit restarts the 14-day initial assessment (domain.md I3): the
    // city's call. A forward within one district never does. Absent: it does not.
    initialAssessment: z.object({ forwardToOtherDistrictRestarts: z.boolean().default(false) }).strict().default({}),
    // Absent: nothing is erased (the records plan decides, not this build).
    retention: retentionSchema.optional(),
    reminders: remindersSchema,
    consent: consentSettingsSchema,
    // Stockholm's routine for other organisers' schools (domain.md L4); the defaults are the city's published ones.
    otherOrganiserRoutine: z
      .object({ firstFormWithinWorkingDays: z.number().int().min(1).max(60), resultWithinMonths: z.number().int().min(1).max(12) })
      .partial()
      .strict()
      .default({})
      .transform((r) => ({ ...defaultOtherOrganiserRoutine, ...r })),
  })
  .strict();

type RawDirectory = z.infer<typeof baseSchema>;
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const fold = (s: string): string => s.trim().toLocaleLowerCase('sv-SE');

function checkUnique<T>(
  items: readonly T[],
  key: (item: T) => string,
  at: (i: number) => Path,
  what: string,
  report: Report,
  show: (item: T) => string = key,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else report(at(i), `duplicate ${what} "${show(item)}" (first at ${formatPath(at(first))})`);
  });
}

function checkDistricts(d: RawDirectory, report: Report): void {
  if (d.districts.length !== expectedDistrictCount)
    report(['districts'], `expected ${expectedDistrictCount} districts (Stockholm since 1 July 2023), found ${d.districts.length}`);
  checkUnique(d.districts, (x) => x.code, (i) => ['districts', i, 'code'], 'district code', report);
  checkUnique(d.districts, (x) => x.name, (i) => ['districts', i, 'name'], 'district name', report);

  // Legacy names map to exactly one current district, and a current name is never a legacy one.
  const current = new Set(d.districts.flatMap((x) => [fold(x.name), fold(x.code)]));
  const aliases = d.districts.flatMap((x, i) => x.aliases.map((alias, k) => ({ alias, path: ['districts', i, 'aliases', k] })));
  for (const { alias, path } of aliases)
    if (current.has(fold(alias))) report(path, `"${alias}" is the current name or code of a district, not a legacy name`);
  checkUnique(aliases, (a) => fold(a.alias), (i) => aliases[i]?.path ?? ['districts'], 'alias', report, (a) => a.alias);

  const units = new Map(d.investigationUnits.map((u) => [u.id, u]));
  d.districts.forEach((district, i) => {
    const unit = units.get(district.investigationUnitId);
    const path = ['districts', i, 'investigationUnitId'];
    if (!unit) report(path, `unknown investigation unit "${district.investigationUnitId}"`);
    else if (unit.districtCode !== district.code)
      report(path, `investigation unit "${unit.id}" belongs to district ${unit.districtCode}, not ${district.code}`);
  });
}

function checkSchools(d: RawDirectory, report: Report): void {
  const districtCodes = new Set(d.districts.map((x) => x.code));
  const teams = new Map(d.sstTeams.map((t) => [t.id, t]));
  checkUnique(d.schools, (s) => s.id, (i) => ['schools', i, 'id'], 'school id', report);
  d.schools.forEach((school, i) => {
    if (!districtCodes.has(school.districtCode))
      report(['schools', i, 'districtCode'], `unknown district "${school.districtCode}"`);
    if (school.sstTeamId === undefined) return;
    const path = ['schools', i, 'sstTeamId'];
    const team = teams.get(school.sstTeamId);
    if (!team) report(path, `unknown SST team "${school.sstTeamId}"`);
    else if (team.id === d.upperSecondaryTeamId) {
      if (!school.forms.includes('upper_secondary'))
        report(path, `"${team.id}" is the city-wide upper-secondary team, but the school offers no upper-secondary education`);
    } else if (team.districtCode !== school.districtCode)
      report(path, `SST team "${team.id}" works in district ${team.districtCode}, but the school is in ${school.districtCode}`);
  });
}

function checkTeamsAndUnits(d: RawDirectory, report: Report): void {
  const districtCodes = new Set(d.districts.map((x) => x.code));
  checkUnique(d.sstTeams, (t) => t.id, (i) => ['sstTeams', i, 'id'], 'SST team id', report);
  checkUnique(d.investigationUnits, (u) => u.id, (i) => ['investigationUnits', i, 'id'], 'investigation unit id', report);
  d.sstTeams.forEach((t, i) => {
    if (!districtCodes.has(t.districtCode)) report(['sstTeams', i, 'districtCode'], `unknown district "${t.districtCode}"`);
  });
  d.investigationUnits.forEach((u, i) => {
    if (!districtCodes.has(u.districtCode))
      report(['investigationUnits', i, 'districtCode'], `unknown district "${u.districtCode}"`);
  });
  if (d.upperSecondaryTeamId !== undefined && !d.sstTeams.some((t) => t.id === d.upperSecondaryTeamId))
    report(['upperSecondaryTeamId'], `unknown SST team "${d.upperSecondaryTeamId}"`);
}

function checkThresholds(d: RawDirectory, report: Report): void {
  const t = d.thresholds;
  if (t.sstPercent >= t.intensivePercent)
    report(['thresholds', 'intensivePercent'], `must be greater than sstPercent (${t.sstPercent}), found ${t.intensivePercent}`);
}

/** The settings in force city-wide and in each overriding district. */
function resolveReminders(d: RawDirectory): Directory['reminders'] {
  const defaults = withOverride(defaultReminderSettings, d.reminders.defaults);
  const districts = Object.fromEntries(Object.entries(d.reminders.districts).map(([code, o]) => [code, withOverride(defaults, o)]));
  return { defaults, districts };
}

/** An escalation comes after the reminder it follows up, in every district's resulting settings. */
function checkReminders(d: RawDirectory, report: Report): void {
  const districtCodes = new Set(d.districts.map((x) => x.code));
  const resolved = resolveReminders(d);
  const check = (s: ReminderSettings, at: Path) => {
    if (s.unassigned.escalateAfterSchoolDays <= s.unassigned.remindAfterSchoolDays)
      report([...at, 'unassigned', 'escalateAfterSchoolDays'], `must be greater than remindAfterSchoolDays (${s.unassigned.remindAfterSchoolDays}), found ${s.unassigned.escalateAfterSchoolDays}`);
    if (s.handover.escalateAfterWorkingDays <= s.handover.remindAfterWorkingDays)
      report([...at, 'handover', 'escalateAfterWorkingDays'], `must be greater than remindAfterWorkingDays (${s.handover.remindAfterWorkingDays}), found ${s.handover.escalateAfterWorkingDays}`);
  };
  check(resolved.defaults, ['reminders', 'defaults']);
  for (const [code, settings] of Object.entries(resolved.districts)) {
    if (!districtCodes.has(code)) report(['reminders', 'districts', code], `unknown district "${code}"`);
    check(settings, ['reminders', 'districts', code]);
  }
}

const directorySchema = baseSchema.superRefine((d, ctx) => {
  const report: Report = (path, message) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  checkDistricts(d, report);
  checkSchools(d, report);
  checkTeamsAndUnits(d, report);
  checkThresholds(d, report);
  checkReminders(d, report);
  for (const code of Object.keys(d.retention?.districts ?? {}))
    if (!d.districts.some((x) => x.code === code)) report(['retention', 'districts', code], `unknown district "${code}"`);
});

function describeIssue(fileName: string, issue: z.ZodIssue): string[] {
  if (issue.code === z.ZodIssueCode.unrecognized_keys)
    return issue.keys.map((key) => `${fileName}: ${formatPath([...issue.path, key])}: unknown key (check the spelling)`);
  const message = issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined' ? 'required' : issue.message;
  return [`${fileName}: ${formatPath(issue.path)}: ${message}`];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

export type DirectoryResult = { ok: true; directory: Directory } | { ok: false; errors: string[] };

/**
 * Validates a parsed directory file; on success the directory is deep-frozen. On failure every shape
 * problem is listed, and every cross-reference problem once the shape is right.
 */
export function parseDirectory(raw: unknown, fileName: string): DirectoryResult {
  const parsed = directorySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap((issue) => describeIssue(fileName, issue)) };
  const directory: Directory = { ...parsed.data, reminders: resolveReminders(parsed.data) };
  return { ok: true, directory: deepFreeze(directory) };
}

function readDirectoryFile(path: string, fileName: string): unknown {
  const extension = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension))
    throw new Error(`${fileName}: expected a .yaml, .yml or .json routing directory file, found "${extension || 'no extension'}"`);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the routing directory file ${path}`, { cause: error });
  }
  if (extension === '.json') {
    try {
      return JSON.parse(content);
    } catch (error) {
      throw new Error(`${fileName}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  // Duplicate keys are errors (uniqueKeys), so a repeated key cannot silently override an earlier one.
  const document = parseDocument(content, { uniqueKeys: true, prettyErrors: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0)
    throw new Error(`${fileName}: not valid YAML:\n${problems.map((p) => `- ${(p.message.split('\n')[0] ?? p.code).replace(/:$/, '')}`).join('\n')}`);
  return document.toJS();
}

/** Reads a .yaml/.yml/.json directory file and validates it; throws one Error listing every problem. */
export function loadDirectoryFile(path: string): Directory {
  const fileName = basename(path);
  const result = parseDirectory(readDirectoryFile(path, fileName), fileName);
  if (!result.ok)
    throw new Error(
      `The routing directory ${path} has ${result.errors.length} problem(s):\n${result.errors.map((e) => `- ${e}`).join('\n')}`,
    );
  return result.directory;
}
