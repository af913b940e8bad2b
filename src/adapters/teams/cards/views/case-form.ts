import { ageBands, consentRecipients, consentScopes } from '../../../../domain/report/report';
import type { LegalReferences } from '../../../../domain/routing/directory';
import type { FieldError } from '../../../../domain/errors';
import { catalogue, type Lang } from '../../i18n/i18n';
import type { OfferedActions } from './case-actions';
import { choicesOf, fieldMessages, type Choice } from './field-messages';

/** Input ids of the case card's forms, as the payload schemas in features/case/schemas.ts read them. */
export const caseFormFields = [
  'question',
  'consentGivenBy',
  'consentScope',
  'consentRecipients',
  'consentValidUntil',
  'pupilAgeBand',
  'outcome',
  'handoverSummary',
  'handoverGround',
  'handoverUrgent',
] as const;
export type CaseFormField = (typeof caseFormFields)[number];

const fieldsOfVerb: Readonly<Record<string, readonly CaseFormField[]>> = {
  'case.ask': ['question'],
  'case.consent': ['consentGivenBy', 'consentScope', 'consentRecipients', 'consentValidUntil', 'pupilAgeBand'],
  'case.close': ['outcome'],
  'case.hand_over': ['handoverSummary', 'handoverGround', 'handoverUrgent'],
};

/**
 * The domain names the question's field `text` (domain/case/question.ts) and the hand-over summary `summary`
 * (domain/case/hand-over.ts); on the card they are `question` and `handoverSummary`.
 */
const fieldAliases: Readonly<Record<string, CaseFormField>> = { text: 'question', summary: 'handoverSummary' };

export interface RejectedForm {
  verb: string;
  values: Record<string, string>;
  errors: readonly { field: string; code: FieldError['code']; params?: Record<string, string | number> }[];
}

export interface CaseForm {
  /** A rejected form is shown inline, prefilled and with its messages. */
  show: boolean;
  ask: boolean;
  consent: boolean;
  close: boolean;
  handOver: boolean;
  values: Record<CaseFormField, string>;
  errors: Partial<Record<CaseFormField, string>>;
  choices: {
    consentGivers: Choice[];
    consentScopes: Choice[];
    consentRecipients: Choice[];
    ageBands: Choice[];
    outcomes: Choice[];
    handoverGrounds: Choice[];
  };
  /** The consent form asks the pupil's age band (upper secondary). */
  asksAgeBand: boolean;
}

const isFormField = (f: string): f is CaseFormField => (caseFormFields as readonly string[]).includes(f);

/** The forms' choices and, for a rejected form the viewer may still submit, its values and per-field messages. */
export function caseForm(rejected: RejectedForm | undefined, actions: OfferedActions | undefined, legal: LegalReferences, lang: Lang): CaseForm {
  const cat = catalogue(lang);
  const offeredFor: Readonly<Record<string, boolean>> = {
    'case.ask': actions?.ask === true,
    'case.consent': actions?.consent === true,
    'case.close': actions?.close === true,
    'case.hand_over': actions?.handOver === true,
  };
  const verb = rejected !== undefined && offeredFor[rejected.verb] === true ? rejected.verb : undefined;
  const fields = verb === undefined ? [] : (fieldsOfVerb[verb] ?? []);
  const errors: FieldError<CaseFormField>[] = (rejected?.errors ?? []).flatMap((e) => {
    const field = fieldAliases[e.field] ?? e.field;
    return isFormField(field) && fields.includes(field) ? [{ ...e, field }] : [];
  });
  const value = (f: CaseFormField): string => (fields.includes(f) ? (rejected?.values[f] ?? '') : '');
  return {
    show: verb !== undefined,
    ask: verb === 'case.ask',
    consent: verb === 'case.consent',
    close: verb === 'case.close',
    handOver: verb === 'case.hand_over',
    values: {
      question: value('question'),
      consentGivenBy: value('consentGivenBy'),
      consentScope: value('consentScope'),
      consentRecipients: value('consentRecipients'),
      consentValidUntil: value('consentValidUntil'),
      pupilAgeBand: value('pupilAgeBand'),
      outcome: value('outcome'),
      handoverSummary: value('handoverSummary'),
      handoverGround: value('handoverGround'),
      handoverUrgent: value('handoverUrgent'),
    },
    errors: fieldMessages(caseFormFields, errors, lang),
    choices: {
      consentGivers: choicesOf(actions?.consentGivers ?? [], cat.consentGivers),
      consentScopes: choicesOf(consentScopes, cat.consentScopes),
      consentRecipients: choicesOf(consentRecipients, cat.consentRecipients),
      ageBands: choicesOf(ageBands, cat.ageBands),
      outcomes: choicesOf(actions?.outcomes ?? [], cat.caseOutcomes),
      // The ground's legal meaning comes from the directory, so that a corrected text needs no release; the
      // consent ground names who consented: the guardians, or an adult pupil themself (L10).
      handoverGrounds: (actions?.handoverGrounds ?? []).map((g) => ({
        value: g,
        title: g === 'consent' && actions?.adultPupil === true ? legal.adultPupilConsent[lang] : legal.handoverGrounds[g][lang],
      })),
    },
    asksAgeBand: actions?.asksAgeBand === true,
  };
}
