import type { ActOnCaseError } from '../../../../app/act-on-case';
import type { CaseRole } from '../../../../domain/access/policy';
import type { Case } from '../../../../domain/case/case';
import type { FieldError } from '../../../../domain/errors';
import { arrivedAtCurrentUnit, handoverDeadlines, type HandoverDeadlines } from '../../../../domain/handover/deadlines';
import type { HandoverActionType } from '../../../../domain/handover/handover-lifecycle';
import { findInvestigationUnit } from '../../../../domain/routing/directory';
import type { Viewer } from '../../turn';
import type { BotDeps } from '../../bot-deps';
import { renderHandoverCard, type AdaptiveCardJson } from '../../cards/render';
import { caseNoticeText } from '../../cards/views/case-notices';
import { seesHandover } from '../../cards/views/handover-card';
import { handoverNoticeText } from '../../cards/views/handover-notices';
import { catalogue, type Lang } from '../../i18n/i18n';
import { verbs } from '../../cards/verbs';
import { noAccessNotice } from '../case/refusal-card';
import type { CaseForm } from '../case/respond';

type Notice = { tone: 'good' | 'warning' | 'attention'; text: string };

/** The deadlines a handover card shows: the 14-day initial assessment, and for an urgent one the same working day. */
export function deadlinesOf(deps: BotDeps, c: Case): HandoverDeadlines | undefined {
  const h = c.handover;
  if (!h) return undefined;
  return handoverDeadlines(h, deps.clock.toLocal(arrivedAtCurrentUnit(h)), deps.clock.today(), deps.calendar());
}

const doneKey = {
  acknowledge: 'acknowledged',
  forward: 'forwarded',
  request_input: 'inputRequested',
  report_outcome: 'outcomeReported',
  invite_sst: 'invited',
  close: 'closed',
  answer_input: 'answered',
} as const satisfies Record<HandoverActionType, string>;

/** The viewer's own view of a handover, with what just happened or a rejected form. */
export function handoverCardFor(
  deps: BotDeps,
  lang: Lang,
  viewer: Viewer,
  c: Case,
  roles: readonly CaseRole[],
  extra: { done?: HandoverActionType; notice?: Notice; form?: CaseForm } = {},
): AdaptiveCardJson {
  const directory = deps.directory();
  const unitName = (id: string | undefined) => (id === undefined ? '' : (findInvestigationUnit(directory, id)?.name ?? id));
  const notice =
    extra.notice ??
    (extra.done ? { tone: 'good' as const, text: handoverNoticeText(lang, doneKey[extra.done], { unit: unitName(c.handover?.unitId) }) } : undefined);
  const deadlines = deadlinesOf(deps, c);
  return renderHandoverCard({
    lang,
    clock: deps.clock,
    directory,
    case: c,
    viewer: { userId: viewer.userId, roles },
    // A person's own view keeps refreshing for them alone; the audience's ids go on the stored base card only.
    audienceMris: [viewer.mri],
    now: deps.clock.now(),
    ...(deadlines ? { deadlines } : {}),
    ...(notice ? { notice } : {}),
    ...(extra.form ? { form: extra.form } : {}),
  });
}

/** Renames the domain's question field (`text`) to the card's input id. */
const renamed = (errors: readonly FieldError[], to: string): FieldError[] => errors.map((e) => (e.field === 'text' ? { ...e, field: to } : e));

/** What a refused or failed handover action shows: the current card with the reason; nothing changed. */
export function handoverCardForError(deps: BotDeps, lang: Lang, viewer: Viewer, error: Exclude<ActOnCaseError, { code: 'not_found' }>, form?: CaseForm): AdaptiveCardJson {
  const show = (notice: Notice, withForm?: CaseForm) => handoverCardFor(deps, lang, viewer, error.case, error.roles, { notice, ...(withForm ? { form: withForm } : {}) });
  switch (error.code) {
    case 'not_authorized':
      // Someone who may see nothing of the handover gets exactly what a case that does not exist gets.
      if (!seesHandover(error.roles, error.case)) return noAccessNotice(lang);
      return show({ tone: 'attention', text: handoverNoticeText(lang, 'notAuthorized') });
    case 'stale':
      return show({ tone: 'warning', text: handoverNoticeText(lang, 'stale') });
    case 'illegal_transition': {
      const state = error.case.handover?.state;
      return show({ tone: 'warning', text: handoverNoticeText(lang, 'illegalTransition', { state: state ? catalogue(lang).handoverStates[state] : '' }) });
    }
    case 'rule_violation':
      return show({ tone: 'warning', text: caseNoticeText(lang, error.rule) });
    case 'invalid_field':
      return show(
        { tone: 'attention', text: handoverNoticeText(lang, 'fixForm') },
        { verb: form?.verb ?? '', values: form?.values ?? {}, errors: renamed(error.fields, form?.verb === verbs.handoverGiveInput ? 'inputAnswer' : 'inputQuestion') },
      );
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}
