import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { questionTextMaxLength } from '../../../../domain/case/question';
import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { stockholmDate } from './case-age';
import { fieldMessages } from './field-messages';
import { questionSummary } from './notification-summary';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export interface QuestionCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  questionId: string;
  /** The answer was just accepted: show it with a thank-you and no input. */
  answered?: boolean;
  /** What the reporter typed, kept when the answer comes back rejected. */
  values?: { answer?: string };
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
  errors?: readonly FieldError<'answer'>[];
}

/**
 * The team's question in the reporter's chat, with a field for the answer. Nothing about the pupil: the
 * reference and the school identify the case, the question text is the team's own.
 */
export function questionCardView(input: QuestionCardInput) {
  const { lang, directory, case: c } = input;
  const cat = catalogue(lang);
  const l = cat.questionCard;
  const question = (c.questions ?? []).find((q) => q.id === input.questionId);
  const answered = question !== undefined && (input.answered === true || question.answer !== undefined);
  const errors = input.errors ?? [];
  return {
    l: { ...l, answer: fill(lang, l.answer, { max: questionTextMaxLength }), required: cat.fieldErrors.required },
    summary: questionSummary(lang, directory, c),
    title: fill(lang, l.title, { reference: c.reference, school: schoolName(c, directory) }),
    found: question !== undefined,
    asked: question === undefined ? '' : fill(lang, l.asked, { date: formatDate(lang, stockholmDate(question.askedAt, input.clock)) }),
    question: question?.text ?? '',
    answered,
    open: question !== undefined && !answered,
    answer: question?.answer?.text ?? input.values?.answer ?? '',
    hasErrors: !answered && errors.length > 0,
    errors: fieldMessages(['answer'], answered ? [] : errors, lang),
    maxLength: questionTextMaxLength,
    caseId: c.id,
    questionId: input.questionId,
  };
}
