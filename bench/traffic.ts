import type { Directory, School } from '../src/domain/routing/directory';
import { aMessage, aTeacher, aTyping, anInvoke, type TeamsUser } from '../test/support/activities';
import { aReportPayload, aSchoolIn } from '../test/support/report-payload';
import { referenceIn } from './delivery-watch';
import type { LoopbackClient } from './load';

/** One simulated teacher in their personal chat with the bot, reporting from one school. */
export interface Conversation {
  teacher: TeamsUser;
  school: School;
  /** People whose chats get the routed case card (the school's SST team: members and coordinators). */
  recipients: number;
}

/** `count` teachers spread over the 11 districts, so that cases go to every team, as in real use. */
export function conversations(dir: Directory, count: number): Conversation[] {
  return Array.from({ length: count }, (_, i) => {
    const district = dir.districts[i % dir.districts.length];
    if (!district) throw new Error('the sample directory has no districts');
    const school = aSchoolIn(dir, district.code);
    const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
    if (!team) throw new Error(`no SST team ${school.sstTeamId ?? '(none)'} for ${school.id}`);
    const people = new Set([...team.members, ...team.coordinators].map((p) => p.id));
    return { teacher: aTeacher(i + 1), school, recipients: people.size };
  });
}

/** Submits a valid report with a fresh form id; resolves with the case reference the confirmation shows. */
export async function submitReport(client: LoopbackClient, serviceUrl: string, conv: Conversation): Promise<string> {
  const res = await client.post('/api/messages', anInvoke(conv.teacher, serviceUrl, 'report.submit', aReportPayload(conv.school)));
  const reference = referenceIn(res.text);
  if (res.status !== 200 || reference === undefined) {
    throw new Error(`report.submit: expected HTTP 200 with a confirmation, got HTTP ${res.status}: ${res.text.slice(0, 200)}`);
  }
  return reference;
}

/** Presses the submit button of the bare bot (any Action.Execute answer is fine there). */
export async function pressSubmit(client: LoopbackClient, serviceUrl: string, conv: Conversation): Promise<void> {
  const res = await client.post('/api/messages', anInvoke(conv.teacher, serviceUrl, 'report.submit', aReportPayload(conv.school)));
  if (res.status !== 200 || !res.text.includes('AdaptiveCard')) throw new Error(`invoke: expected HTTP 200 with a card, got HTTP ${res.status}`);
}

/** Sends a message; the bot replies through the stand-in before it answers the POST. */
export async function say(client: LoopbackClient, serviceUrl: string, conv: Conversation, text: string): Promise<void> {
  const res = await client.post('/api/messages', aMessage(conv.teacher, serviceUrl, text));
  if (res.status !== 200) throw new Error(`message: expected HTTP 200, got HTTP ${res.status}: ${res.text.slice(0, 200)}`);
}

/**
 * Opens the client's keep-alive connections before a measured round, one per conversation, with a typing
 * signal each (the bot only answers it). Bot Framework reaches a bot over connections it keeps open; a
 * round that opened 50 new ones at once would measure the server accepting them, not the submission.
 */
export async function openConnections(client: LoopbackClient, serviceUrl: string, convs: readonly Conversation[]): Promise<void> {
  await Promise.all(
    convs.map(async (conv) => {
      const res = await client.post('/api/messages', aTyping(conv.teacher, serviceUrl));
      if (res.status < 200 || res.status > 299) throw new Error(`typing: expected HTTP 2xx, got HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    }),
  );
}
