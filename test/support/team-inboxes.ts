import type { CaseDelivery } from '../../src/app/ports/deliveries';
import type { Case } from '../../src/domain/case/case';
import type { RunningBot } from './running-bot';
import { testTenant, type TeamsUser } from './activities';
import { cardOf, TeamsClient, textOf, type InvokeResult } from './teams-client';
import { aReportPayload } from './report-payload';
import type { School } from '../../src/domain/routing/directory';

/** Reads what reached people's Teams chats through the Bot Connector stand-in, by person. */
export class TeamInboxes {
  constructor(private readonly bot: RunningBot) {}

  /** The personal chat the bot created with a person, if it did. */
  chatOf(userId: string): string | undefined {
    return this.bot.connector.calls.find((c) => c.kind === 'create' && c.failedWith === undefined && membersOf(c.body).includes(userId))?.answeredId;
  }

  /** Activities sent into a person's chat (created by the bot, or their own chat with it). */
  messagesTo(userId: string): Record<string, unknown>[] {
    const chats = [this.chatOf(userId), `a:personal-${userId}`].filter((x): x is string => x !== undefined);
    return chats.flatMap((id) => this.bot.connector.sent(id));
  }

  /** Card updates (PUT) of a message. */
  updatesOf(messageId: string): Record<string, unknown>[] {
    return this.bot.connector.calls.filter((c) => c.kind === 'update' && c.activityId === messageId && c.failedWith === undefined).map((c) => c.body);
  }
}

function membersOf(body: Record<string, unknown>): string[] {
  const members = body.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((m: unknown) => (typeof m === 'object' && m !== null && 'id' in m && typeof m.id === 'string' ? [m.id] : []));
}

/** Submits a report from `school` as `teacher` and waits until the bot has delivered what it sends after it. */
export async function submitReport(bot: RunningBot, teacher: TeamsClient, school: School, overrides: Record<string, string> = {}): Promise<Case> {
  const result = await teacher.press('report.submit', aReportPayload(school, overrides));
  const reference = /[A-Z]{3}-\d{4}-\d{4}/.exec(textOf(result.card))?.[0];
  if (reference === undefined) throw new Error(`the report was not accepted: ${textOf(result.card).slice(0, 300)}`);
  await bot.idle();
  const stored = await bot.store.getCaseByReference(reference);
  if (!stored) throw new Error(`case ${reference} is not in the store`);
  return stored;
}

export const deliveredTo = (deliveries: CaseDelivery[], purpose: CaseDelivery['purpose']): string[] =>
  deliveries.filter((d) => d.purpose === purpose && d.status === 'delivered').map((d) => d.recipient).sort();

export const person = (userId: string): string => `person:${testTenant}:${userId}`;

export { cardOf, textOf };

/** Presses a card button as `who` and waits until the sends it started are done. */
export async function pressAs(bot: RunningBot, who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
  const result = await new TeamsClient(bot, who).press(verb, data);
  await bot.idle();
  return result;
}

/** A case as stored now; a test whose case disappeared has found a bug. */
export async function storedCase(bot: RunningBot, caseId: string): Promise<Case> {
  const c = await bot.store.getCase(caseId);
  if (!c) throw new Error(`case ${caseId} vanished from the store`);
  return c;
}
