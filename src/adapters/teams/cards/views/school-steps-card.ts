import { whatCanSee } from '../../../../domain/access/policy';
import type { CalendarDate } from '../../../../domain/calendar/calendar-date';
import type { Case } from '../../../../domain/case/case';
import { isOpen } from '../../../../domain/case/lifecycle';
import { isAbsenceInvestigationRequired, type SchoolStepsField } from '../../../../domain/case/school-steps';
import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { absenceSection, pupilSection, stepsSection } from './case-sections';
import { fieldMessages } from './field-messages';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export const schoolStepsFields = ['investigationStartedOn', 'organiserNotifiedOn'] as const satisfies readonly SchoolStepsField[];

export interface SchoolStepsCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** The deadlines of the city's routine for an independent school (domain.md L4), when they apply. */
  routineDeadlines?: { firstFormBy: CalendarDate; resultBy: CalendarDate };
  notice?: { tone: 'good' | 'warning' | 'attention'; text: string };
  /** What the head teacher typed, kept when the dates come back rejected. */
  values?: Partial<Record<SchoolStepsField, string>>;
  errors?: readonly FieldError<SchoolStepsField>[];
}

/**
 * The head teacher's view of a case (domain.md R2): the school's own facts (pupil initials and year group, the
 * absence figures, the school's steps) and the form for the 7:19 a dates. Built from the head teacher's view
 * in the access policy, so nothing from social services (handover, team, outcome) can reach it.
 */
export function schoolStepsCardView(input: SchoolStepsCardInput) {
  const { lang, directory: d, case: c } = input;
  const cat = catalogue(lang);
  const l = cat.schoolStepsCard;
  const view = whatCanSee(['head_teacher'], c);
  const applies = isAbsenceInvestigationRequired(c);
  const open = applies && isOpen(c);
  const steps = c.steps;
  const value = (f: SchoolStepsField): string => input.values?.[f] ?? steps?.[f] ?? '';
  const deadlines = input.routineDeadlines;
  return {
    l: { ...l, notApplicable: fill(lang, l.notApplicable, { law: d.legal.absenceInvestigation[lang] }), law: d.legal.absenceInvestigation[lang] },
    summary: fill(lang, l.title, { reference: c.reference, school: schoolName(c, d) }),
    title: fill(lang, l.title, { reference: c.reference, school: schoolName(c, d) }),
    hasNotice: input.notice !== undefined,
    notice: { text: input.notice?.text ?? '', color: input.notice?.tone ?? 'default' },
    pupil: pupilSection(c, view, d, lang),
    absence: absenceSection(c, view, lang),
    steps: stepsSection(c, view, lang),
    notApplicable: !applies,
    closed: applies && !isOpen(c),
    hasDeadlines: applies && deadlines !== undefined,
    deadlines: deadlines === undefined ? '' : fill(lang, cat.reminderCard.otherOrganiserDeadlines, { firstFormBy: formatDate(lang, deadlines.firstFormBy), resultBy: formatDate(lang, deadlines.resultBy) }),
    open,
    values: { investigationStartedOn: value('investigationStartedOn'), organiserNotifiedOn: value('organiserNotifiedOn') },
    errors: fieldMessages(schoolStepsFields, open ? (input.errors ?? []) : [], lang),
    caseId: c.id,
  };
}
