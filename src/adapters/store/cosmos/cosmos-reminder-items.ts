import type { ItemDefinition } from '@azure/cosmos';
import { z } from 'zod';
import type { Reminder } from '../../../domain/reminders/reminder';
import { CorruptRowError, parseStoredValue } from '../corrupt-row-error';
import { storedReminderOf, storedReminderSchema } from '../stored-reminder-schema';
import { cosmosKeyId } from './encode-cosmos-id';
import { splitSystemProperties } from './cosmos-items';
import type { ItemCodec } from './read-modify-write';

/**
 * Reminder items in `reminders`, partitioned by `bucket`: the UTC day (`2026-11-25`) the reminder falls due,
 * or the day it was written if it was already due then. `caseId`, `status`, `dueAt` and the claim are copied to
 * the top level for the queries; the reminder itself is `reminder`. Ids are `reminder:<encoded reminder id>`.
 */
export interface ReminderItem {
  bucket: string;
  reminder: Reminder;
  claimToken: string | null;
  claimedUntil: string | null;
}

export const reminderItemId = (reminderId: string): string => cosmosKeyId('reminder', reminderId);

/** The bucket a reminder due at `dueAt` goes in when written at `at`: never a day before the write. */
export function bucketFor(dueAt: string, at: string): string {
  const day = (iso: string): string => {
    const found = /^(\d{4}-\d{2}-\d{2})T/.exec(iso)?.[1];
    if (found === undefined) throw new Error(`Expected an ISO UTC instant, found ${JSON.stringify(iso.slice(0, 40))}`);
    return found;
  };
  return day(dueAt > at ? dueAt : at);
}

const itemSchema = z
  .object({
    bucket: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    caseId: z.string(),
    status: z.string(),
    dueAt: z.string(),
    claimToken: z.string().nullable(),
    claimedUntil: z.string().nullable(),
    reminder: storedReminderSchema,
  })
  .strict();

export const reminderItemCodec: ItemCodec<ReminderItem> = {
  decode(raw) {
    const { id, etag, writtenAtSeconds, body } = splitSystemProperties('reminders', raw);
    const { id: _id, ...rest } = body;
    const item = parseStoredValue('reminders', id, rest, itemSchema);
    const { reminder } = item;
    if (reminderItemId(reminder.id) !== id || item.caseId !== reminder.caseId || item.status !== reminder.status || item.dueAt !== reminder.dueAt) {
      throw new CorruptRowError('reminders', id, 'item id or query fields do not match the reminder');
    }
    return { value: { bucket: item.bucket, reminder, claimToken: item.claimToken, claimedUntil: item.claimedUntil }, etag, writtenAtSeconds };
  },
  encode(value): ItemDefinition {
    const reminder = storedReminderOf(value.reminder);
    return {
      id: reminderItemId(reminder.id),
      bucket: value.bucket,
      caseId: reminder.caseId,
      status: reminder.status,
      dueAt: reminder.dueAt,
      claimToken: value.claimToken,
      claimedUntil: value.claimedUntil,
      reminder,
    };
  },
};

/**
 * The oldest bucket that may still hold a pending reminder, in `case-keys`. The sweep reads buckets from here
 * to today; writers lower it before writing into an older bucket; the sweep raises it past empty old buckets.
 */
export const sweepMarkId = 'reminder-sweep:oldest-bucket';

const sweepMarkSchema = z.object({ kind: z.literal('reminder_sweep'), oldestBucket: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict();

export const sweepMarkCodec: ItemCodec<string> = {
  decode(raw) {
    const { etag, writtenAtSeconds, body } = splitSystemProperties('case-keys', raw);
    const { id: _id, ...rest } = body;
    return { value: parseStoredValue('case-keys', sweepMarkId, rest, sweepMarkSchema).oldestBucket, etag, writtenAtSeconds };
  },
  encode: (oldestBucket) => ({ id: sweepMarkId, kind: 'reminder_sweep', oldestBucket }),
};

/** A claim token carries the bucket of the item it holds, so completing is a point read and write. */
export const claimTokenOf = (bucket: string, holder: string): string => `${bucket}|${holder}`;
export const bucketOfClaimToken = (token: string): string | undefined => /^(\d{4}-\d{2}-\d{2})\|/.exec(token)?.[1];

/**
 * A case on one of the lists of cases with something planned after the answer (`NewCaseWith`): its reminders
 * (`reminders_to_plan`) or its first messages (`first_messages_to_plan`). One item per case and list in
 * `reminders`, all in the bucket `to-plan`, which no due-day sweep reads. It names the case in `planFor`, not
 * `caseId`, so the query for a case's reminders never finds it. `since` is the `at` of the creating write.
 */
export interface CaseToPlan {
  caseId: string;
  since: string;
}

export type ToPlanKind = 'reminders_to_plan' | 'first_messages_to_plan';

export const toPlanBucket = 'to-plan';
const toPlanIdPrefix: Record<ToPlanKind, string> = { reminders_to_plan: 'reminders-to-plan', first_messages_to_plan: 'first-messages-to-plan' };
export const toPlanId = (kind: ToPlanKind, caseId: string): string => cosmosKeyId(toPlanIdPrefix[kind], caseId);

/** The codec of one list's markers: a marker of the other list is refused, not read as one of this list's. */
export function toPlanCodecOf(kind: ToPlanKind): ItemCodec<CaseToPlan> {
  const schema = z.object({ bucket: z.literal(toPlanBucket), kind: z.literal(kind), planFor: z.string().min(1), since: z.string().min(1) }).strict();
  return {
    decode(raw) {
      const { id, etag, writtenAtSeconds, body } = splitSystemProperties('reminders', raw);
      const { id: _id, ...rest } = body;
      const item = parseStoredValue('reminders', id, rest, schema);
      if (toPlanId(kind, item.planFor) !== id) throw new CorruptRowError('reminders', id, 'item id does not match the case it names');
      return { value: { caseId: item.planFor, since: item.since }, etag, writtenAtSeconds };
    },
    encode: ({ caseId, since }) => ({ id: toPlanId(kind, caseId), bucket: toPlanBucket, kind, planFor: caseId, since }),
  };
}
