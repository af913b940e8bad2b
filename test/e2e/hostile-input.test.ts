import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/adapters/teams/cards/verbs';
import { aChannel, aChannelMessage, aMessage, aTeacher, anInvoke, baseActivity, testTenant, type TeamsUser } from '../support/activities';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

/** A small seeded generator, so that a failing run can be repeated exactly. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const nasty = [
  "'; DROP TABLE cases; --",
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '__proto__',
  '../../../../etc/passwd',
  '\u0000\u0001\u202e',
  'x'.repeat(40_000),
  '811218-9876',
  '😀'.repeat(500),
];

function hostileActivities(user: TeamsUser, serviceUrl: string, replayedForm: Record<string, string>): unknown[] {
  const random = seeded(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weird = (): unknown =>
    pick<unknown>([null, 0, -1, 1e308, true, [], [1, [2]], {}, { a: { b: { c: {} } } }, pick(nasty), { toString: 'x' }, '']);
  const out: unknown[] = [];
  const allVerbs = [...Object.values(verbs), 'case.take', 'admin.drop', '', pick(nasty)];
  for (let i = 0; i < 420; i += 1) {
    switch (i % 12) {
      case 0:
        out.push(weird());
        break;
      case 1:
        out.push({ ...baseActivity(user, serviceUrl), type: pick(['message', 'invoke', 'event', 'conversationUpdate', 'messageReaction', pick(nasty)]) });
        break;
      case 2:
        out.push(aMessage(user, serviceUrl, String(pick(nasty))));
        break;
      case 3: {
        const data = Object.fromEntries(Object.keys(replayedForm).map((k) => [k, weird()]));
        out.push(anInvoke(user, serviceUrl, pick(allVerbs), data));
        break;
      }
      case 4: {
        const form = aReportPayload(aSchoolIn(loadSampleDirectory(), 'FAR'), { formId: `hostile-${i}-form-id` });
        // The description is free text: a hostile string there can be a valid report, which would add a case.
        const field = pick(Object.keys(form).filter((k) => k !== 'formId' && k !== 'description'));
        out.push(anInvoke(user, serviceUrl, verbs.reportSubmit, { ...form, [field]: String(pick(nasty)) }));
        break;
      }
      case 5:
        out.push(anInvoke(user, serviceUrl, verbs.reportSubmit, replayedForm));
        break;
      case 6:
        out.push(anInvoke({ ...user, tenantId: 'ffffffff-0000-4000-8000-000000000000' }, serviceUrl, verbs.reportSubmit, { ...replayedForm, formId: `other-tenant-${i}` }));
        break;
      case 7:
        out.push({ ...anInvoke(user, serviceUrl, verbs.reportSubmit, {}), value: weird() });
        break;
      case 8:
        out.push(aChannelMessage(user, serviceUrl, aChannel(9), `registrera ${pick(['FAR-SST-1', 'JAR-SST-2', String(pick(nasty)).slice(0, 80)])}`));
        break;
      case 9:
        out.push({ ...baseActivity(user, serviceUrl), type: 'conversationUpdate', membersAdded: weird() });
        break;
      case 10:
        out.push({ ...aMessage(user, serviceUrl, 'anmäl'), from: weird(), conversation: weird(), channelData: weird() });
        break;
      default:
        out.push({ ...aMessage(user, serviceUrl, 'hjälp'), serviceUrl: pick(['not a url', 'file:///etc/passwd', 'ftp://127.0.0.1/', '']) });
    }
  }
  return out;
}

describe('a run of hostile and malformed activities', () => {
  let bot: RunningBot;
  const teacher = aTeacher(11);

  beforeAll(async () => {
    bot = await new RunningBot({ allowedTenants: [testTenant] }).start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const casesTable = (): unknown[] => {
    const db = new BetterSqlite3(bot.dbFile, { readonly: true });
    try {
      return db.prepare('SELECT id, reference, version, body FROM cases ORDER BY id').all();
    } finally {
      db.close();
    }
  };

  it('changes no stored case, never answers with a server error, and leaves the bot answering', async () => {
    const client = new TeamsClient(bot, teacher);
    const form = aReportPayload(aSchoolIn(loadSampleDirectory(), 'SKA'));
    const first = await client.press(verbs.reportSubmit, form);
    expect(first.status).toBe(200);
    const before = casesTable();
    expect(before).toHaveLength(1);

    const statuses = new Map<number, number>();
    const activities = hostileActivities(teacher, bot.serviceUrl, form);
    expect(activities.length).toBeGreaterThanOrEqual(400);
    for (const activity of activities) {
      const res = await client.post(JSON.stringify(activity));
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }

    // 501 is botbuilder's "no handler for this invoke", the documented answer to an unknown invoke name.
    expect([...statuses.keys()].filter((s) => s >= 500 && s !== 501)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(casesTable()).toEqual(before);
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    const [reply] = await client.say('hjälp');
    expect(reply?.attachments).toBeDefined();
  }, 120_000);
});
