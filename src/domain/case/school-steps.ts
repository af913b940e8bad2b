import { addCalendarDays, isCalendarDate, type CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import { addWorkingDays } from '../calendar/working-days';
import { err, ok, type FieldError, type Result } from '../errors';
import type { DomainEvent } from '../events';
import { isUpperSecondary } from '../report/report';
import type { Directory, OtherOrganiserRoutine, School } from '../routing/directory';
import type { ActionContext } from './action-context';
import type { Case } from './case';
import { withHistory } from './history';

/**
 * The school's own steps on a case that the head teacher (rektor) answers for after intake: the absence
 * investigation of School Act 7 ch. 19 a § and its notice to the organiser (huvudman).
 */
export type SchoolStepsField = 'investigationStartedOn' | 'organiserNotifiedOn';

export interface RecordSchoolSteps {
  investigationStartedOn?: CalendarDate;
  organiserNotifiedOn?: CalendarDate;
}

/**
 * Whether 7 ch. 19 a § applies to the case's pupil: it covers compulsory schooling (förskoleklass and
 * grundskola, year groups 0–9), not upper secondary, where 15 ch. 15 § has its own notice (domain.md L3, T16).
 */
export function isAbsenceInvestigationRequired(c: Pick<Case, 'kind' | 'pupil'>): boolean {
  return c.kind === 'referral' && c.pupil !== undefined && !isUpperSecondary(c.pupil.yearGroup);
}

/**
 * The deadlines of the city's routine for schools of other organisers (domain.md L4): the first form within
 * N working days of the investigation starting, the result within M months. Configuration in the directory.
 * Undefined when the calendar does not cover the start (a start typed years back): nothing to count then.
 */
export function otherOrganiserDeadlines(
  startedOn: CalendarDate,
  routine: OtherOrganiserRoutine,
  rules: CalendarRules,
): { firstFormBy: CalendarDate; resultBy: CalendarDate } | undefined {
  // Working days never run more than three weeks per five (Christmas to Epiphany is the longest stretch off).
  const latest = addCalendarDays(startedOn, Math.ceil(routine.firstFormWithinWorkingDays / 5) * 21);
  const covered = (d: CalendarDate) => Number(d.slice(0, 4)) >= rules.coveredYears.first && Number(d.slice(0, 4)) <= rules.coveredYears.last;
  if (!covered(startedOn) || !covered(latest)) return undefined;
  return { firstFormBy: addWorkingDays(startedOn, routine.firstFormWithinWorkingDays, rules), resultBy: addMonths(startedOn, routine.resultWithinMonths) };
}

/** The same day of the month M months later, or that month's last day when it has no such day (31 Jan + 1 → 28/29 Feb). */
function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = (y ?? 0) * 12 + ((m ?? 1) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const firstOfNext = `${String(month === 12 ? year + 1 : year).padStart(4, '0')}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`;
  const lastDay = Number(addCalendarDays(firstOfNext, -1).slice(8));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d ?? 1, lastDay)).padStart(2, '0')}`;
}

/** Whether the school of `c` follows the city's routine for schools of other organisers (an independent school). */
export function isOtherOrganiserSchool(c: Pick<Case, 'schoolId'>, dir: Pick<Directory, 'schools'>): boolean {
  return dir.schools.find((s) => s.id === c.schoolId)?.organiser === 'independent';
}

type Changed = Result<
  { case: Case; events: DomainEvent[] },
  { code: 'invalid_field'; fields: FieldError<SchoolStepsField>[] } | { code: 'rule_violation'; rule: 'absence_investigation_not_applicable' }
>;

/**
 * The head teacher records when the 7:19 a investigation started and when the organiser was notified. A date
 * already on the case may be corrected, never blanked; the investigation must have started for the notice,
 * and neither date lies in the future. Recording the notice resolves the head teacher's reminder.
 */
export function recordSchoolSteps(c: Case, input: RecordSchoolSteps, ctx: ActionContext): Changed {
  if (!isAbsenceInvestigationRequired(c)) return err({ code: 'rule_violation', rule: 'absence_investigation_not_applicable' });
  const startedOn = input.investigationStartedOn ?? c.steps?.investigationStartedOn;
  const notifiedOn = input.organiserNotifiedOn ?? c.steps?.organiserNotifiedOn;
  const errors: FieldError<SchoolStepsField>[] = [];
  const check = (field: SchoolStepsField, value: CalendarDate | undefined) => {
    if (value === undefined) return;
    if (!isCalendarDate(value)) errors.push({ field, code: 'invalid' });
    else if (value > ctx.today) errors.push({ field, code: 'date_in_future' });
  };
  check('investigationStartedOn', startedOn);
  check('organiserNotifiedOn', notifiedOn);
  if (startedOn === undefined) errors.push({ field: 'investigationStartedOn', code: 'required' });
  else if (errors.length === 0 && notifiedOn !== undefined && notifiedOn < startedOn)
    errors.push({ field: 'organiserNotifiedOn', code: 'organiser_before_investigation' });
  if (errors.length > 0 || startedOn === undefined) return err({ code: 'invalid_field', fields: errors });

  const steps = {
    guardiansInformed: false,
    pupilHealthInvolved: false,
    adjustmentsTried: false,
    other: false,
    ...c.steps,
    investigationStartedOn: startedOn,
    ...(notifiedOn === undefined ? {} : { organiserNotifiedOn: notifiedOn }),
  };
  const detail = { investigationStartedOn: startedOn, ...(notifiedOn === undefined ? {} : { organiserNotifiedOn: notifiedOn }) };
  const next = withHistory({ ...c, steps }, ctx, 'school_steps_recorded', detail);
  return ok({ case: next, events: [{ caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'SchoolStepsRecorded', ...detail }] });
}

/**
 * Who owns the school side of a case (its report, the school's steps): the education committee for a
 * municipal school, the independent school's principal (its organiser) otherwise (domain.md D7, L4). The
 * retention code applies that owner's period to the school-side parts.
 */
export type SchoolSideOwner = { kind: 'education_committee' } | { kind: 'independent_school'; schoolId: string };

export function schoolSideOwner(school: Pick<School, 'id' | 'organiser'>): SchoolSideOwner {
  return school.organiser === 'independent' ? { kind: 'independent_school', schoolId: school.id } : { kind: 'education_committee' };
}
