import type { Case } from '../../../../domain/case/case';
import type { FieldError } from '../../../../domain/errors';
import { reporterRoles } from '../../../../domain/report/report';
import { consultationFields, limits, type ConsultationField } from '../../../../domain/report/rules';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { choicesOf, fieldMessages } from './field-messages';
import { routedTo } from './routing-summary';
import { schoolChoices } from './school-choices';

export interface ConsultationFormInput {
  lang: Lang;
  directory: Directory;
  formId: string;
  values?: Partial<Record<ConsultationField, string>>;
  errors?: readonly FieldError<ConsultationField>[];
  /** Why the form came back when no field is at fault: the person sent too many questions too fast. */
  refusal?: 'too_many_submissions';
}

/** The anonymous question form: school, role and a question; no pupil fields exist on it at all. */
export function consultationFormView(input: ConsultationFormInput) {
  const c = catalogue(input.lang);
  const errors = input.errors ?? [];
  return {
    l: {
      ...c.consultationForm,
      question: fill(input.lang, c.consultationForm.question, { max: limits.questionMaxLength }),
      required: c.fieldErrors.required,
      errorSummary: input.refusal === 'too_many_submissions' ? c.consultationForm.tooManySubmissions : c.consultationForm.errorSummary,
    },
    formId: input.formId,
    hasErrors: errors.length > 0 || input.refusal !== undefined,
    values: Object.fromEntries(consultationFields.map((f) => [f, input.values?.[f] ?? ''])),
    errors: fieldMessages(consultationFields, errors, input.lang),
    limits: { question: limits.questionMaxLength },
    schools: schoolChoices(input.directory),
    roles: choicesOf(reporterRoles, c.reporterRoles),
  };
}

export interface ConsultationConfirmationInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  duplicate: boolean;
}

export function consultationConfirmationView(input: ConsultationConfirmationInput) {
  const l = catalogue(input.lang).consultationConfirmation;
  return {
    l,
    title: input.duplicate ? l.titleDuplicate : l.title,
    reference: input.case.reference,
    facts: [{ title: l.sentTo, value: routedTo(input.case, input.directory, input.lang) }],
    next: l.next,
  };
}
