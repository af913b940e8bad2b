import { reportersOf, type Case } from '../domain/case/case';
import type { DomainEvent } from '../domain/events';
import type { Directory } from '../domain/routing/directory';
import { deliverCaseMessage, deliveryKey, refreshCaseCards, type DeliveryDeps } from './deliver-case-message';
import type { CaseMessage, Recipient } from './ports';
import { routeToInbox } from './route-to-inbox';

type Deps = DeliveryDeps & { directory: () => Directory };
type Status = Extract<CaseMessage, { kind: 'status' }>['status'];

const reporters = (c: Case): Recipient[] => reportersOf(c).map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));

async function tellReporters(deps: Deps, c: Case, status: Status): Promise<void> {
  for (const recipient of reporters(c)) {
    await deliverCaseMessage(deps, {
      case: c,
      recipient,
      purpose: 'status',
      message: { kind: 'status', case: c, status },
      key: deliveryKey(c.id, `status-${status}`, recipient),
    });
  }
}

/**
 * What people hear after a case changed: every delivered card is updated in place, the reporter gets the
 * process steps (received, taken, closed; nothing of social services' work), a question reaches the reporter
 * as a card, and a case whose consent arrived is routed to its inbox. Runs after the turn has answered.
 */
export async function afterCaseChange(deps: Deps, c: Case, events: readonly DomainEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'ConsentRecorded':
        if (!event.renewed) {
          await routeToInbox(deps, c);
          await tellReporters(deps, c, 'received');
        }
        break;
      case 'CaseTaken':
        if (event.previousAssigneeId === undefined) await tellReporters(deps, c, 'taken');
        break;
      case 'CaseClosed':
        await tellReporters(deps, c, 'closed');
        break;
      case 'ReporterAsked':
        for (const recipient of reporters(c)) {
          await deliverCaseMessage(deps, {
            case: c,
            recipient,
            purpose: 'question',
            message: { kind: 'question', case: c, questionId: event.questionId },
            key: deliveryKey(c.id, `question-${event.questionId}`, recipient),
          });
        }
        break;
      case 'ReporterAnswered':
        await refreshQuestionCards(deps, c, event.questionId);
        break;
      default:
        break;
    }
  }
  await refreshCaseCards(deps, c);
}

async function refreshQuestionCards(deps: Deps, c: Case, questionId: string): Promise<void> {
  for (const d of await deps.store.listDeliveriesForCase(c.id)) {
    if (d.purpose !== 'question' || !d.key.includes(`:question-${questionId}:`) || d.address === undefined || d.messageId === undefined) continue;
    await deps.messenger.update(d.address, d.messageId, { kind: 'question', case: c, questionId }, `${d.key}:answered`);
  }
}
