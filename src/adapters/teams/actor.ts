import { z } from 'zod';
import type { Actor } from '../../domain/case/case';

/** The parts of an activity we trust for identity: Teams puts the tenant in channelData and the Entra id in `from`. */
const activityIdentity = z.object({
  from: z.object({ id: z.string().min(1), aadObjectId: z.string().min(1).optional() }),
  conversation: z.object({ tenantId: z.string().min(1).optional() }).passthrough(),
  channelData: z.object({ tenant: z.object({ id: z.string().min(1) }).optional() }).passthrough().optional(),
  locale: z.string().optional(),
});

/**
 * Resolves who is acting from an incoming activity. Roles are looked up in the routing directory by
 * `userId`, never taken from the activity. Returns undefined when the activity carries no tenant or user.
 */
export function actorFrom(activity: unknown): Actor | undefined {
  const parsed = activityIdentity.safeParse(activity);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const tenantId = a.channelData?.tenant?.id ?? a.conversation.tenantId;
  if (tenantId === undefined) return undefined;
  return { tenantId, userId: a.from.aadObjectId ?? a.from.id, locale: a.locale ?? 'sv-SE' };
}
