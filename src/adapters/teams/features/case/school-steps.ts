import { actOnCase } from '../../../../app/act-on-case';
import type { Case } from '../../../../domain/case/case';
import { isOtherOrganiserSchool, otherOrganiserDeadlines, type SchoolStepsField } from '../../../../domain/case/school-steps';
import type { FieldError } from '../../../../domain/errors';
import type { BotDeps } from '../../bot-deps';
import { renderSchoolStepsCard, type AdaptiveCardJson } from '../../cards/render';
import { caseNoticeText } from '../../cards/views/case-notices';
import { schoolStepsFields } from '../../cards/views/school-steps-card';
import { verbs } from '../../cards/verbs';
import type { Lang } from '../../i18n/i18n';
import type { BotRoutes } from '../../turn';
import { refusalCard } from './refusal-card';
import { caseSchoolStepsSchema } from './schemas';

/** The deadlines of the city's routine when the case's school is an independent one (domain.md L4). */
export function routineDeadlinesOf(deps: Pick<BotDeps, 'directory' | 'calendar'>, c: Case) {
  const directory = deps.directory();
  const startedOn = c.steps?.investigationStartedOn;
  if (startedOn === undefined || !isOtherOrganiserSchool(c, directory)) return undefined;
  return otherOrganiserDeadlines(startedOn, directory.otherOrganiserRoutine, deps.calendar());
}

/** The head teacher's view of the case, with a notice and, for rejected dates, what they typed and why. */
export function schoolStepsCardFor(
  deps: Pick<BotDeps, 'directory' | 'calendar'>,
  lang: Lang,
  c: Case,
  extra: { notice?: { tone: 'good' | 'warning' | 'attention'; text: string }; values?: Partial<Record<SchoolStepsField, string>>; errors?: readonly FieldError<SchoolStepsField>[] } = {},
): AdaptiveCardJson {
  const routineDeadlines = routineDeadlinesOf(deps, c);
  return renderSchoolStepsCard({ lang, directory: deps.directory(), case: c, ...(routineDeadlines ? { routineDeadlines } : {}), ...extra });
}

const isStepsField = (f: string): f is SchoolStepsField => (schoolStepsFields as readonly string[]).includes(f);

/**
 * The head teacher records when the 7:19 a investigation started and when the organiser was notified, from
 * the reminder card or their view of the case. The policy decides who may (the school's head teacher per the
 * directory); a recorded notice ends the reminder series when the case's reminders are re-planned.
 */
export function registerSchoolSteps(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.caseSchoolSteps, caseSchoolStepsSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    if (!actor || !payload) return refusalCard(deps, turn);
    const typed = (v: string | undefined) => (v ?? '').trim();
    const values = { investigationStartedOn: typed(payload.investigationStartedOn), organiserNotifiedOn: typed(payload.organiserNotifiedOn) };
    const action = {
      type: 'record_school_steps' as const,
      ...(values.investigationStartedOn === '' ? {} : { investigationStartedOn: values.investigationStartedOn }),
      ...(values.organiserNotifiedOn === '' ? {} : { organiserNotifiedOn: values.organiserNotifiedOn }),
    };
    const result = await actOnCase(deps, { actor, caseId: payload.caseId, action });
    if (result.ok) {
      const changed = result.value.case;
      deps.log.info({ event: 'case.record_school_steps', caseId: changed.id });
      return schoolStepsCardFor(deps, lang, changed, { notice: { tone: 'good', text: caseNoticeText(lang, 'schoolStepsRecorded') } });
    }
    const error = result.error;
    switch (error.code) {
      case 'not_found':
      case 'not_authorized':
        return refusalCard(deps, turn);
      case 'invalid_field': {
        const errors = error.fields.flatMap((e) => (isStepsField(e.field) ? [{ ...e, field: e.field }] : []));
        return schoolStepsCardFor(deps, lang, error.case, { notice: { tone: 'attention', text: caseNoticeText(lang, 'fixForm') }, values, errors });
      }
      case 'rule_violation':
        return schoolStepsCardFor(deps, lang, error.case, { notice: { tone: 'warning', text: caseNoticeText(lang, error.rule) } });
      case 'stale':
      case 'illegal_transition':
        // The case has closed since the card came: show it as it stands.
        return schoolStepsCardFor(deps, lang, error.case);
      default: {
        const unreachable: never = error;
        return unreachable;
      }
    }
  });
}
