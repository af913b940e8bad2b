import type { Actor } from '../domain/case/case';
import { err, ok, type Result } from '../domain/errors';
import type { Directory } from '../domain/routing/directory';
import type { AuditLog } from './ports/audit';
import type { Clock } from './ports/clock';

/** Reads the routing directory again; the loader swaps it whole or keeps the old one and says why. */
export type DirectoryReloader = () => Result<{ version: string }, { problems: string[] }>;

export type ReloadError = { code: 'not_authorized' } | { code: 'not_configured' } | { code: 'invalid_directory'; problems: string[] };

/**
 * A directory admin reloads the routing directory from Teams. Cases in flight are untouched: they live in
 * the store and keep the routing they were given; only new routing uses the new file. Audited.
 */
export async function reloadDirectory(
  deps: { store: AuditLog; clock: Clock; directory: () => Directory; reload?: DirectoryReloader },
  actor: Actor,
): Promise<Result<{ version: string }, ReloadError>> {
  const isAdmin = (deps.directory().admins ?? []).some((a) => a.id.toLowerCase() === actor.userId.toLowerCase());
  const audit = (outcome: string) =>
    deps.store.appendAudit({ at: deps.clock.now(), actorId: actor.userId, action: 'directory.reload', detail: { outcome } });
  if (!isAdmin) {
    await audit('refused');
    return err({ code: 'not_authorized' });
  }
  if (!deps.reload) return err({ code: 'not_configured' });
  const result = deps.reload();
  await audit(result.ok ? 'reloaded' : 'invalid');
  return result.ok ? ok(result.value) : err({ code: 'invalid_directory', problems: result.error.problems });
}
