import type { Case } from '../../../../domain/case/case';
import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { fieldMessages } from './field-messages';
import { schoolName } from './routing-summary';

export const checkInFields = ['checkInTotal', 'checkInUnexcused'] as const;
export type CheckInField = (typeof checkInFields)[number];

export interface CheckInCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** The figures were just saved: thank the reporter, no inputs. */
  answered?: boolean;
  /** What the reporter typed, kept when the figures come back rejected. */
  values?: Partial<Record<CheckInField, string>>;
  errors?: readonly FieldError<CheckInField>[];
}

/** The push text of a check-in card: reference and school, nothing about the pupil. */
export function checkInSummary(lang: Lang, directory: Directory, c: Case): string {
  return fill(lang, catalogue(lang).checkInCard.title, { reference: c.reference, school: schoolName(c, directory) });
}

/**
 * A follow-up check-in in the reporter's chat: the pupil's current absence, total and unexcused, in percent.
 * Nothing about the pupil: the reference and the school identify the case.
 */
export function checkInCardView(input: CheckInCardInput) {
  const { lang, directory, case: c } = input;
  const cat = catalogue(lang);
  const l = cat.checkInCard;
  const answered = input.answered === true;
  const isFollowedUp = c.state === 'assigned' || c.state === 'handed_over';
  const open = !answered && isFollowedUp;
  const errors = open ? (input.errors ?? []) : [];
  return {
    l: { ...l, rangeError: fill(lang, cat.fieldErrors.out_of_range, { min: 0, max: 100 }) },
    summary: checkInSummary(lang, directory, c),
    title: fill(lang, l.title, { reference: c.reference, school: schoolName(c, directory) }),
    open,
    answered,
    notOpen: !answered && !isFollowedUp,
    hasErrors: errors.length > 0,
    errors: fieldMessages(checkInFields, errors, lang),
    values: { checkInTotal: input.values?.checkInTotal ?? '', checkInUnexcused: input.values?.checkInUnexcused ?? '' },
    caseId: c.id,
  };
}
