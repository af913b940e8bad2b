import { concernFeedbackRecipient, reporterStatusChange, type ReporterStatus } from '../domain/access/policy';
import { reportersOf, type Case } from '../domain/case/case';
import type { DomainEvent } from '../domain/events';
import { findDistrict, findSstTeam, type Directory } from '../domain/routing/directory';
import { deliverCaseMessage, deliveryKey, refreshCaseCards, type DeliveryDeps } from './deliver-case-message';
import type { CaseMessage } from './ports/messenger';
import type { Recipient } from './ports/addresses';
import { routeToInbox } from './route-to-inbox';
import { routeToUnit } from './route-to-unit';

type Deps = DeliveryDeps & { directory: () => Directory };
type Status = Extract<CaseMessage, { kind: 'status' }>['status'];

const reporters = (c: Case): Recipient[] => reportersOf(c).map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));

/** The message that tells a reporter their case reached a status; none for a report still awaiting consent. */
const messageFor: { readonly [S in ReporterStatus]: Status | undefined } = {
  awaiting_consent: undefined,
  received: 'received',
  in_progress: 'taken',
  closed: 'closed',
  merged: 'merged',
};

async function tellReporters(deps: Deps, c: Case, status: Status, people: readonly string[] = reportersOf(c)): Promise<void> {
  for (const recipient of people.map((userId): Recipient => ({ kind: 'person', tenantId: c.tenantId, userId }))) {
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
 * What people hear after a case changed: every delivered card is updated in place, the reporters get the
 * school side's process steps from the one policy (domain/access/reporter-status.ts: received, taken, closed,
 * merged; nothing of social services' work), a reporter who made a report of concern gets the feedback the
 * law allows once the unit records it, a question reaches the reporter as a card, and a case whose consent
 * arrived is routed to its inbox. Runs after the turn has answered.
 */
export async function afterCaseChange(deps: Deps, c: Case, events: readonly DomainEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'ConsentRecorded':
        if (!event.renewed) await routeToInbox(deps, c);
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
        await refreshQuestionCards(deps, c, 'question', event.questionId);
        break;
      case 'CaseHandedOver':
      case 'HandoverForwarded':
        await routeToUnit(deps, c);
        break;
      case 'InputRequested':
        for (const recipient of teamSide(c, deps.directory())) {
          await deliverCaseMessage(deps, {
            case: c,
            recipient,
            purpose: 'question',
            message: { kind: 'input_request', case: c, questionId: event.questionId },
            key: deliveryKey(c.id, `input-${event.questionId}`, recipient),
          });
        }
        break;
      case 'InputGiven':
        await refreshQuestionCards(deps, c, 'input', event.questionId);
        break;
      case 'SstInvited': {
        const recipient: Recipient = { kind: 'person', tenantId: c.tenantId, userId: event.sstWorkerId };
        await deliverCaseMessage(deps, {
          case: c,
          recipient,
          purpose: 'status',
          message: { kind: 'status', case: c, status: 'invitation' },
          key: deliveryKey(c.id, 'status-invitation', recipient),
        });
        break;
      }
      default:
        break;
    }
  }
  const status = reporterStatusChange(c, events);
  const message = status === undefined ? undefined : messageFor[status];
  if (message !== undefined) await tellReporters(deps, c, message);
  const feedbackTo = concernFeedbackRecipient(c, events);
  if (feedbackTo !== undefined) await tellReporters(deps, c, 'concern_feedback', [feedbackTo]);
  await refreshCaseCards(deps, c);
}

async function refreshQuestionCards(deps: Deps, c: Case, kind: 'question' | 'input', questionId: string): Promise<void> {
  for (const d of await deps.store.listDeliveriesForCase(c.id)) {
    if (d.purpose !== 'question' || !d.key.includes(`:${kind}-${questionId}:`) || d.address === undefined || d.messageId === undefined) continue;
    const message: CaseMessage = kind === 'question' ? { kind: 'question', case: c, questionId } : { kind: 'input_request', case: c, questionId };
    await deps.messenger.update(d.address, d.messageId, message, `${d.key}:answered`);
  }
}

/** Who answers the unit's requests for input: the team member who has the case, else the team's coordinators. */
function teamSide(c: Case, dir: Directory): Recipient[] {
  if (c.assigneeId !== undefined) return [{ kind: 'person', tenantId: c.tenantId, userId: c.assigneeId }];
  const team = c.routing.sstTeamId === undefined ? undefined : findSstTeam(dir, c.routing.sstTeamId);
  const district = findDistrict(dir, c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode);
  const people = team ? team.coordinators.map((p) => p.id) : district ? [district.fallbackContact.id] : [];
  return people.map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));
}
