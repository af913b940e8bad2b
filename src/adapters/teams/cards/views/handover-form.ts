import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { districtName } from './directory-names';
import { choicesOf, fieldMessages, type Choice } from './field-messages';
import type { OfferedHandoverActions } from './handover-actions';
import type { RejectedForm } from './case-form';

/** Input ids of the handover card's forms, as features/handover/schemas.ts reads them. */
export const handoverFormFields = ['responsibleId', 'toUnitId', 'forwardReason', 'inputQuestion', 'handoverOutcome', 'inviteGround', 'inputAnswer'] as const;
export type HandoverFormField = (typeof handoverFormFields)[number];

const fieldsOfVerb: Readonly<Record<string, readonly HandoverFormField[]>> = {
  'handover.acknowledge': ['responsibleId'],
  'handover.forward': ['toUnitId', 'forwardReason'],
  'handover.request_input': ['inputQuestion'],
  'handover.report_outcome': ['handoverOutcome'],
  'handover.invite_sst': ['inviteGround'],
  'handover.give_input': ['inputAnswer'],
};

/** The domain names a question's or answer's field `text` (domain/case/question.ts); this card names it per form. */
const aliasOf = (field: string, verb: string | undefined): string => (field !== 'text' ? field : verb === 'handover.give_input' ? 'inputAnswer' : 'inputQuestion');

const isFormField = (f: string): f is HandoverFormField => (handoverFormFields as readonly string[]).includes(f);

export interface HandoverForm {
  /** A rejected form is shown inline, prefilled and with its messages. */
  show: boolean;
  acknowledge: boolean;
  forward: boolean;
  requestInput: boolean;
  reportOutcome: boolean;
  inviteSst: boolean;
  answerInput: boolean;
  values: Record<HandoverFormField, string>;
  errors: Partial<Record<HandoverFormField, string>>;
  choices: { responsibles: Choice[]; units: Choice[]; forwardReasons: Choice[]; outcomes: Choice[]; inviteGrounds: Choice[] };
}

/** The forms' choices and, for a rejected form the viewer may still submit, its values and per-field messages. */
export function handoverForm(
  rejected: RejectedForm | undefined,
  actions: OfferedHandoverActions,
  viewerId: string | undefined,
  d: Directory,
  lang: Lang,
): HandoverForm {
  const cat = catalogue(lang);
  const l = cat.handoverCard;
  const offeredFor: Readonly<Record<string, boolean>> = {
    'handover.acknowledge': actions.acknowledge,
    'handover.forward': actions.forward,
    'handover.request_input': actions.requestInput,
    'handover.report_outcome': actions.reportOutcome,
    'handover.invite_sst': actions.inviteSst,
    'handover.give_input': actions.answerInput,
  };
  const verb = rejected !== undefined && offeredFor[rejected.verb] === true ? rejected.verb : undefined;
  const fields = verb === undefined ? [] : (fieldsOfVerb[verb] ?? []);
  const errors: FieldError<HandoverFormField>[] = (rejected?.errors ?? []).flatMap((e) => {
    const field = aliasOf(e.field, verb);
    return isFormField(field) && fields.includes(field) ? [{ ...e, field }] : [];
  });
  const value = (f: HandoverFormField): string => (fields.includes(f) ? (rejected?.values[f] ?? '') : '');
  return {
    show: verb !== undefined,
    acknowledge: verb === 'handover.acknowledge',
    forward: verb === 'handover.forward',
    requestInput: verb === 'handover.request_input',
    reportOutcome: verb === 'handover.report_outcome',
    inviteSst: verb === 'handover.invite_sst',
    answerInput: verb === 'handover.give_input',
    values: {
      // "Jag själv" by default. Adaptive Cards refuse a choice with an empty value, so "me" is the viewer's own id
      // (the acknowledge schema also reads '' as "me"; the domain treats both alike).
      responsibleId: value('responsibleId') || (viewerId ?? ''),
      toUnitId: value('toUnitId'),
      forwardReason: value('forwardReason'),
      inputQuestion: value('inputQuestion'),
      handoverOutcome: value('handoverOutcome'),
      inviteGround: value('inviteGround'),
      inputAnswer: value('inputAnswer'),
    },
    errors: fieldMessages(handoverFormFields, errors, lang),
    choices: {
      responsibles:
        viewerId === undefined || !actions.acknowledge
          ? []
          : [{ value: viewerId, title: l.responsibleMe }, ...actions.responsibles.map((p) => ({ value: p.id, title: p.name }))],
      units: actions.forwardUnits.map((u) => ({ value: u.id, title: fill(lang, l.unitChoice, { unit: u.name, district: districtName(d, u.districtCode) }) })),
      forwardReasons: choicesOf(actions.forwardReasons, cat.forwardReasons),
      outcomes: choicesOf(actions.outcomes, cat.handoverOutcomes),
      inviteGrounds: actions.inviteGrounds.map((g) => ({ value: g, title: d.legal.invitationGrounds[g][lang] })),
    },
  };
}
