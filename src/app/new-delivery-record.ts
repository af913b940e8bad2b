import type { Case } from '../domain/case/case';
import { purposeOf, serialiseDeliveryKey } from './delivery-key';
import { recipientKey, type Recipient } from './ports/addresses';
import type { CaseDelivery, DeliverySubject } from './ports/deliveries';

/**
 * The delivery record of a message about to go out: the only place a delivery record is made, its key,
 * purpose and subject all from the one typed key.
 */
export function newDeliveryRecord(c: Case, to: Recipient, subject: DeliverySubject, at: string): CaseDelivery {
  return {
    key: serialiseDeliveryKey({ caseId: c.id, recipient: to, subject }),
    caseId: c.id,
    recipient: recipientKey(to),
    to,
    purpose: purposeOf(subject),
    subject,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}
