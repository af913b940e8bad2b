import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { questionTextMaxLength } from '../../../../domain/case/question';
import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { stockholmDate } from './case-age';
import { fieldMessages } from './field-messages';
import { handoverUnitName } from './handover-sections';
import { inputRequestSummary } from './notification-summary';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export interface InputRequestCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  questionId: string;
  /** The answer was just accepted: show it with a thank-you and no input. */
  answered?: boolean;
  /** What the team's worker typed, kept when the answer comes back rejected. */
  values?: { inputAnswer?: string };
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
  errors?: readonly FieldError<'inputAnswer'>[];
}

/**
 * The investigation unit's request for the team's input, in the chat of the team's worker (city doc 004: the
 * link from investigators to the team). Reference, school and the unit identify the case; the question is the
 * unit's own text; nothing about the pupil.
 */
export function inputRequestCardView(input: InputRequestCardInput) {
  const { lang, directory: d, case: c } = input;
  const cat = catalogue(lang);
  const l = cat.inputRequestCard;
  const question = c.handover?.inputRequests.find((q) => q.id === input.questionId);
  const answered = question !== undefined && (input.answered === true || question.answer !== undefined);
  // A domain error on the answer names the question's field `text`; on this card it is `inputAnswer`.
  const errors = (input.errors ?? []).map((e) => ({ ...e, field: 'inputAnswer' as const }));
  return {
    l: { ...l, answer: fill(lang, l.answer, { max: questionTextMaxLength }), required: cat.fieldErrors.required },
    summary: inputRequestSummary(lang, d, c),
    title: fill(lang, l.title, { unit: handoverUnitName(c, d), reference: c.reference, school: schoolName(c, d) }),
    found: question !== undefined,
    asked: question === undefined ? '' : fill(lang, l.asked, { date: formatDate(lang, stockholmDate(question.askedAt, input.clock)) }),
    question: question?.text ?? '',
    answered,
    open: question !== undefined && !answered,
    answer: question?.answer?.text ?? input.values?.inputAnswer ?? '',
    hasErrors: !answered && errors.length > 0,
    errors: fieldMessages(['inputAnswer'], answered ? [] : errors, lang),
    maxLength: questionTextMaxLength,
    caseId: c.id,
    questionId: input.questionId,
  };
}
