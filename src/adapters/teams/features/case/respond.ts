import type { ActOnCaseError } from '../../../../app/act-on-case';
import { caseContext, type CaseForViewer } from '../../../../app/view-case';
import { assigneeRoleOf, whatCanSee, type CaseRole } from '../../../../domain/access/policy';
import type { Case } from '../../../../domain/case/case';
import type { CaseActionType } from '../../../../domain/case/lifecycle';
import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import type { BotDeps } from '../../bot-deps';
import { renderCaseCard, type AdaptiveCardJson } from '../../cards/render';
import { caseNoticeText, type CaseNoticeKey } from '../../cards/views/case-notices';
import { reporterProgress } from '../../cards/views/reporter-progress';
import { catalogue, type Lang, type Params } from '../../i18n/i18n';
import type { Viewer } from '../../turn';
import { noAccessNotice } from './refusal-card';
import { renameTextField } from './to-action';
import { schoolStepsCardFor } from './school-steps';
import { formatDate } from '../../i18n/format-date';

/** An action form on the case card that came back rejected: its values and per-field messages. */
export interface CaseForm {
  verb: string;
  values: Record<string, string>;
  errors: readonly FieldError[];
}

type Notice = { tone: 'good' | 'warning' | 'attention'; text: string };

const doneNotice = {
  record_consent: 'consentRecorded',
  withdraw_consent: 'consentWithdrawn',
  take: 'taken',
  ask_reporter: 'asked',
  answer_question: 'answered',
  change_level: 'levelChanged',
  hand_over: 'handedOver',
  close: 'closed',
  merge: 'merged',
  set_follow_up: 'followUpSet',
  record_check_in: 'checkInRecorded',
  record_school_steps: 'schoolStepsRecorded',
} as const satisfies Record<CaseActionType, string>;

function doneText(lang: Lang, done: CaseActionType, c: Case, dir: Directory): string {
  const key = doneNotice[done];
  if (key === 'taken') return caseNoticeText(lang, key, { takenBy: catalogue(lang).takenBy[assigneeRoleOf(c, dir) ?? 'unknown'] });
  if (key === 'levelChanged') return caseNoticeText(lang, key, { level: c.supportLevel ? catalogue(lang).supportLevels[c.supportLevel] : '' });
  if (key === 'merged') return caseNoticeText(lang, key, { reference: c.reference });
  if (key === 'followUpSet') return caseNoticeText(lang, key, { date: c.followUpOn === undefined ? '' : formatDate(lang, c.followUpOn) });
  return caseNoticeText(lang, key);
}

/** The viewer's own view of a case, with a notice about what just happened or a rejected form. */
export async function cardForCase(
  deps: BotDeps,
  lang: Lang,
  viewer: Viewer,
  seen: Pick<CaseForViewer, 'case' | 'roles'> & Partial<CaseForViewer>,
  extra: { done?: CaseActionType; notice?: Notice; form?: CaseForm } = {},
): Promise<AdaptiveCardJson> {
  const notice = extra.notice ?? (extra.done ? { tone: 'good' as const, text: doneText(lang, extra.done, seen.case, deps.directory()) } : undefined);
  // The head teacher's view is a card of its own: the school's steps, nothing of the team's or the unit's work.
  if (whatCanSee(seen.roles, seen.case).level === 'school_steps') return schoolStepsCardFor(deps, lang, seen.case, notice ? { notice } : {});
  const context = seen.duplicates && seen.undelivered ? { duplicates: seen.duplicates, undelivered: seen.undelivered } : await caseContext(deps.store, seen.case);
  return renderCaseCard({
    lang,
    clock: deps.clock,
    directory: deps.directory(),
    case: seen.case,
    viewer: { userId: viewer.userId, roles: seen.roles },
    // A person's own view keeps refreshing for them alone; the audience's ids go on the stored base card only.
    audienceMris: [viewer.mri],
    ...context,
    now: deps.clock.now(),
    ...(notice ? { notice } : {}),
    ...(extra.form ? { form: extra.form } : {}),
  });
}

/** What a refused or failed action shows: the current card with the reason, and nothing changed. */
export async function cardForError(
  deps: BotDeps,
  lang: Lang,
  viewer: Viewer,
  error: ActOnCaseError,
  form: CaseForm | undefined,
): Promise<AdaptiveCardJson> {
  const text = (key: CaseNoticeKey, params?: Params) => caseNoticeText(lang, key, params);
  const show = (c: Case, roles: CaseRole[], notice: Notice, withForm?: CaseForm) =>
    cardForCase(deps, lang, viewer, { case: c, roles }, { notice, ...(withForm ? { form: withForm } : {}) });
  switch (error.code) {
    case 'not_found':
      return noAccessNotice(lang);
    case 'not_authorized':
      // Someone who may see nothing of the case gets exactly what a case that does not exist gets.
      if (whatCanSee(error.roles, error.case).level === 'none') return noAccessNotice(lang);
      return show(error.case, error.roles, { tone: 'attention', text: text('notAuthorized') });
    case 'stale':
      return show(error.case, error.roles, { tone: 'warning', text: text('stale') });
    case 'illegal_transition': {
      // A reporter is told the state in the words of their own status: never "handed over to social services".
      const reporterOnly = whatCanSee(error.roles, error.case).level === 'process';
      const state = reporterOnly ? reporterProgress(error.case, viewer.userId, lang).status : catalogue(lang).caseStates[error.case.state];
      return show(error.case, error.roles, { tone: 'warning', text: text('illegalTransition', { state }) });
    }
    case 'rule_violation':
      return show(error.case, error.roles, { tone: 'warning', text: text(error.rule) });
    case 'invalid_field': {
      // The follow-up date sits in a ShowCard: the reason goes on top, the refused date stays in the input.
      if (form?.verb === 'case.follow_up')
        return show(error.case, error.roles, { tone: 'attention', text: error.fields.map((e) => catalogue(lang).fieldErrors[e.code]).join(' ') }, form);
      const field = form?.verb === 'case.ask' ? 'question' : form?.verb === 'case.hand_over' ? 'handoverSummary' : 'text';
      const renamed = renameTextField(error.fields, field).map((e) => (e.field === 'summary' ? { ...e, field: 'handoverSummary' } : e));
      const rejected: CaseForm = { verb: form?.verb ?? '', values: form?.values ?? {}, errors: renamed };
      return show(error.case, error.roles, { tone: 'attention', text: text('fixForm') }, rejected);
    }
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}
