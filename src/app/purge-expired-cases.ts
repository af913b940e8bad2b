import type { Directory } from '../domain/routing/directory';
import { eraseCase, erasureBasis, erasureCutoff, isDueForErasure, owningAuthorityKinds } from '../domain/retention/retention';
import type { CaseStore, Clock } from './ports';

export interface PurgeDeps {
  store: Pick<CaseStore, 'listCasesDueForErasure' | 'eraseCase' | 'appendAudit'>;
  clock: Clock;
  directory: () => Directory;
}

export type PurgeResult = { configured: false } | { configured: true; erased: number; conflicts: number };

/** The audit actor of work nobody started by hand. */
export const retentionActorId = 'system:retention';

/**
 * Erases every case whose owner's retention period has run out (domain/retention/retention.ts), one batch at a
 * time, and writes one audit entry per erased case with the legal-basis code and the culling decision, plus one
 * for the run with the count. Safe to run again at any time: erased cases are not listed again, and a case
 * changed meanwhile (a version conflict) is left for the next run. Without a `retention` section nothing is erased.
 */
export async function purgeExpiredCases(deps: PurgeDeps, batchSize = 100): Promise<PurgeResult> {
  const settings = deps.directory().retention;
  if (settings === undefined) return { configured: false };
  const today = deps.clock.today();
  let erased = 0;
  let conflicts = 0;
  for (const owner of owningAuthorityKinds) {
    const rule = settings[owner];
    const closedBefore = erasureCutoff(today, rule.days);
    const skipped = new Set<string>();
    for (;;) {
      const batch = (await deps.store.listCasesDueForErasure({ owner, closedBefore }, batchSize + skipped.size)).filter(
        (c) => !skipped.has(c.id),
      );
      if (batch.length === 0) break;
      for (const c of batch) {
        if (!isDueForErasure(c, settings, today)) {
          skipped.add(c.id);
          continue;
        }
        const at = deps.clock.now();
        const result = await deps.store.eraseCase(eraseCase(c, at), c.version);
        if (!result.ok) {
          conflicts += 1;
          skipped.add(c.id);
          continue;
        }
        erased += 1;
        await deps.store.appendAudit({
          at,
          actorId: retentionActorId,
          action: 'case.erased',
          caseId: c.id,
          detail: { basis: erasureBasis, owner, days: String(rule.days), decision: rule.decision },
        });
      }
    }
  }
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: retentionActorId,
    action: 'retention.purged',
    detail: { basis: erasureBasis, count: String(erased), conflicts: String(conflicts), today },
  });
  return { configured: true, erased, conflicts };
}
