import { questionTextMaxLength } from '../../../../domain/case/question';
import type { FieldError } from '../../../../domain/errors';
import { legalGrounds } from '../../../../domain/handover/handover';
import { inputRequestFields, schoolsForInvestigator, type InputRequestField } from '../../../../domain/handover/input-request';
import { yearGroups } from '../../../../domain/report/report';
import { limits } from '../../../../domain/report/rules';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { choicesOf, fieldMessages } from './field-messages';
import { schoolChoices } from './school-choices';

export interface InputRequestFormInput {
  lang: Lang;
  directory: Directory;
  /** The investigator: the form offers the schools of their units' districts only. */
  viewerId: string;
  formId: string;
  values?: Partial<Record<InputRequestField, string>>;
  errors?: readonly FieldError<InputRequestField>[];
  /** Why the form came back when no field is at fault: the person sent too many requests too fast. */
  refusal?: 'too_many_submissions';
}

/**
 * An investigator's request for the school-social team's input (city doc 004): the pupil by school, initials
 * or pseudonym and year group only, the question, and the ground on which the school side may answer.
 */
export function inputRequestFormView(input: InputRequestFormInput) {
  const cat = catalogue(input.lang);
  const l = cat.inputRequest;
  const errors = input.errors ?? [];
  const own = { ...input.directory, schools: schoolsForInvestigator(input.directory, input.viewerId) };
  return {
    l: {
      ...l,
      question: fill(input.lang, l.question, { max: questionTextMaxLength }),
      required: cat.fieldErrors.required,
      errorSummary: input.refusal === 'too_many_submissions' ? l.tooManySubmissions : l.errorSummary,
    },
    formId: input.formId,
    hasErrors: errors.length > 0 || input.refusal !== undefined,
    values: Object.fromEntries(inputRequestFields.map((f) => [f, input.values?.[f] ?? ''])),
    errors: fieldMessages(inputRequestFields, errors, input.lang),
    limits: { question: questionTextMaxLength, initials: limits.initialsMaxLength },
    schools: schoolChoices(own),
    yearGroups: choicesOf(yearGroups, cat.yearGroups),
    // The grounds' legal meaning comes from the directory, so that a corrected text needs no release.
    grounds: choicesOf(legalGrounds, Object.fromEntries(legalGrounds.map((g) => [g, input.directory.legal.inputAnswerGrounds[g][input.lang]]))),
  };
}
