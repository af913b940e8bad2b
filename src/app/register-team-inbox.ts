import type { Actor } from '../domain/case/case';
import { err, ok, type Result } from '../domain/errors';
import { findSstTeam, type Directory, type SstTeam } from '../domain/routing/directory';
import { teamInboxKey, type CaseStore, type Clock, type DeliveryAddress } from './ports';

export interface RegisterTeamInbox {
  actor: Actor;
  /** The actor's user principal name, when the Teams adapter could look it up (the directory may list UPNs). */
  actorUpn?: string;
  teamId: string;
  /** Only a team channel can be an inbox; a personal or group chat cannot. */
  inChannel: boolean;
  /** The channel's address, opaque here. */
  address: DeliveryAddress;
}

export type RegisterTeamInboxError =
  | { code: 'not_a_channel' }
  | { code: 'unknown_team' }
  | { code: 'not_authorized'; team: SstTeam };

/**
 * Makes a team channel the inbox of a school-social team. Only a coordinator listed for that team in the
 * routing directory may do it; every attempt, allowed or refused, is audited.
 */
export async function registerTeamInbox(
  deps: { store: CaseStore; clock: Clock; directory: () => Directory },
  cmd: RegisterTeamInbox,
): Promise<Result<{ team: SstTeam }, RegisterTeamInboxError>> {
  const at = deps.clock.now();
  const audit = (action: string) => deps.store.appendAudit({ at, actorId: cmd.actor.userId, action, detail: { teamId: cmd.teamId } });
  if (!cmd.inChannel) return err({ code: 'not_a_channel' });
  const team = findSstTeam(deps.directory(), cmd.teamId);
  if (!team) return err({ code: 'unknown_team' });
  const ids = [cmd.actor.userId, cmd.actorUpn].filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());
  if (!team.coordinators.some((c) => ids.includes(c.id.toLowerCase()))) {
    await audit('inbox.register_refused');
    return err({ code: 'not_authorized', team });
  }
  await deps.store.saveAddress(teamInboxKey(team.id), cmd.address, at);
  await audit('inbox.registered');
  return ok({ team });
}
