import { recipientKey, type Recipient } from './ports/addresses';
import type { DeliveryPurpose, DeliverySubject, StoredDeliverySubject } from './ports/deliveries';

/** One message about a case to one recipient: a retry uses the same key and never sends twice. */
export interface DeliveryKey {
  caseId: string;
  recipient: Recipient;
  subject: DeliverySubject;
}

const purposes: { readonly [W in StoredDeliverySubject['what']]: DeliveryPurpose } = {
  case_card: 'case_card',
  handover_card: 'handover_card',
  input_request_card: 'handover_card',
  status: 'status',
  question: 'question',
  input: 'question',
  reminder: 'reminder',
  unrecognised: 'status',
};

/** The purpose a delivery record is filed under (refreshCaseCards updates the `case_card` and `handover_card` ones). */
export const purposeOf = (subject: StoredDeliverySubject): DeliveryPurpose => purposes[subject.what];

/**
 * The one serialisation of a delivery key: `case:<caseId>:<what>:<recipient>`. The form is what records in
 * SQLite and Cosmos were stored under before keys were typed, so existing deliveries keep their keys; it is
 * written here and never parsed back.
 */
export function serialiseDeliveryKey(k: DeliveryKey): string {
  return `case:${k.caseId}:${whatOf(k.subject)}:${recipientKey(k.recipient)}`;
}

function whatOf(s: DeliverySubject): string {
  switch (s.what) {
    case 'case_card':
      return 'card';
    case 'handover_card':
      return `handover-card-${s.unitId}`;
    case 'input_request_card':
      return 'input-request-card';
    case 'status':
      return `status-${s.status}`;
    case 'question':
      return `question-${s.questionId}`;
    case 'input':
      return `input-${s.questionId}`;
    case 'reminder':
      return `reminder-${s.reminderId}${s.snoozedUntil === undefined ? '' : `@${s.snoozedUntil}`}`;
    default: {
      const unreachable: never = s;
      return unreachable;
    }
  }
}
