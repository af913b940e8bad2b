import { inboxesOwnedBy, registerTeamInbox } from '../../../../app/register-team-inbox';
import type { BotDeps } from '../../bot-deps';
import { commands } from '../../commands';
import { transportFailureOf } from '../../delivery/proactive-sender';
import { t } from '../../i18n/i18n';
import type { BotRoutes, Turn } from '../../turn';

/** `@SST Bridge registrera FAR-SST-1` in a team channel makes it that team's inbox (coordinators only). */
export function registerChannelLink(routes: BotRoutes, deps: BotDeps): void {
  // Without a team id: how to use the command, and which teams this person may link, by the directory.
  routes.command(commands.registerInboxUsage, async (turn) => {
    const { lang, actor } = turn;
    if (!actor) return t(lang, 'error.apology');
    const owned = inboxesOwnedBy(deps.directory(), actor, isChannel(turn) ? await turn.conversation.senderUpn() : undefined);
    deps.log.info({ event: 'inbox.register_usage', owned: owned.length });
    const usage = t(lang, 'channelLink.usage', { example: owned[0]?.id ?? 'FAR-SST-1' });
    const teams = owned.map((o) => t(lang, 'channelLink.ownedTeam', { team: o.name, teamId: o.id })).join(', ');
    return `${usage} ${owned.length > 0 ? t(lang, 'channelLink.yourTeams', { teams }) : t(lang, 'channelLink.noTeams')}`;
  });

  routes.command(commands.registerInbox, async (turn) => {
    const { lang, actor } = turn;
    const teamId = commands.registerInbox.exec(turn.text)?.[1] ?? '';
    const address = actor && turn.conversation.channelAddress();
    if (!actor || !address) return t(lang, 'channelLink.notChannel');
    const result = await registerTeamInbox(deps, {
      actor,
      actorUpn: isChannel(turn) ? await turn.conversation.senderUpn() : undefined,
      teamId,
      inChannel: isChannel(turn),
      address,
    });
    deps.log.info({ event: result.ok ? 'inbox.registered' : `inbox.register_${result.error.code}`, teamId });
    if (result.ok) {
      await rememberRoster(turn, deps, actor.tenantId).catch((error: unknown) => {
        // The inbox is linked either way; members' ids are then learned when the first card is delivered.
        const failure = transportFailureOf(error);
        if (failure === undefined) throw error;
        deps.log.warn({ event: 'inbox.roster_unavailable', teamId, status: failure.status });
      });
      return t(lang, 'channelLink.registered', { team: result.value.team.name });
    }
    switch (result.error.code) {
      case 'not_a_channel':
        return t(lang, 'channelLink.notChannel');
      case 'unknown_team':
        return t(lang, 'channelLink.unknownTeam', { teamId });
      case 'not_authorized':
        return t(lang, 'channelLink.refused', { team: result.error.team.name });
      default: {
        const unreachable: never = result.error;
        return unreachable;
      }
    }
  });
}

const isChannel = (turn: Turn): boolean => turn.conversation.type === 'channel';

/**
 * Learns the Teams user ids (MRIs) of everyone in the new inbox's team, so that the first case card posted
 * there already refreshes to each member's own view (Teams matches `refresh.userIds` against MRIs).
 */
async function rememberRoster(turn: Turn, deps: BotDeps, tenantId: string): Promise<void> {
  for await (const members of turn.conversation.rosterPages()) await deps.userIds.rememberAll(tenantId, members);
}
