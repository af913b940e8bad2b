import type { Case } from '../../domain/case/case';
import type { StoredDeliverySubject } from '../ports/deliveries';
import type { CaseMessage } from '../ports/messenger';
import type { ReminderStore } from '../ports/reminders';

/**
 * The message a stored subject stands for, rendered from the case (and for a reminder, the reminder) as it is
 * now. None for a reminder that is no longer stored (the case was merged or erased) or an unrecognised record.
 */
export async function messageOf(
  store: Pick<ReminderStore, 'listRemindersForCase'>,
  subject: StoredDeliverySubject,
  c: Case,
): Promise<CaseMessage | undefined> {
  switch (subject.what) {
    case 'case_card':
      return { kind: 'case_card', case: c };
    case 'handover_card':
    case 'input_request_card':
      return { kind: 'handover_card', case: c };
    case 'status':
      return { kind: 'status', case: c, status: subject.status };
    case 'question':
      return { kind: 'question', case: c, questionId: subject.questionId };
    case 'input':
      return { kind: 'input_request', case: c, questionId: subject.questionId };
    case 'reminder': {
      const reminder = (await store.listRemindersForCase(c.id)).find((r) => r.id === subject.reminderId);
      return reminder === undefined ? undefined : { kind: 'reminder', case: c, reminder };
    }
    case 'unrecognised':
      return undefined;
    default: {
      const unreachable: never = subject;
      return unreachable;
    }
  }
}
