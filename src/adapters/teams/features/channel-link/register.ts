import type { Application, TurnState } from '@microsoft/teams-ai';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { inboxesOwnedBy, registerTeamInbox } from '../../../../app/register-team-inbox';
import { actorFrom } from '../../actor';
import { channelAddressOf, isChannel } from '../../addresses';
import type { BotDeps } from '../../bot-deps';
import { commands } from '../../commands';
import { transportFailureOf } from '../../delivery/proactive-sender';
import { t } from '../../i18n/i18n';
import { langOf } from '../../reply';

/** `@SST Bridge registrera FAR-SST-1` in a team channel makes it that team's inbox (coordinators only). */
export function registerChannelLink(app: Application<TurnState>, deps: BotDeps): void {
  // Without a team id: how to use the command, and which teams this person may link, by the directory.
  app.message(commands.registerInboxUsage, async (context) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    if (!actor) return void (await context.sendActivity(t(lang, 'error.apology')));
    const owned = inboxesOwnedBy(deps.directory(), actor, isChannel(context) ? await upnOf(context) : undefined);
    deps.log.info({ event: 'inbox.register_usage', owned: owned.length });
    const usage = t(lang, 'channelLink.usage', { example: owned[0]?.id ?? 'FAR-SST-1' });
    const teams = owned.map((o) => t(lang, 'channelLink.ownedTeam', { team: o.name, teamId: o.id })).join(', ');
    await context.sendActivity(`${usage} ${owned.length > 0 ? t(lang, 'channelLink.yourTeams', { teams }) : t(lang, 'channelLink.noTeams')}`);
  });

  app.message(commands.registerInbox, async (context) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    const teamId = commands.registerInbox.exec(context.activity.text ?? '')?.[1] ?? '';
    const address = actor && channelAddressOf(context, actor.tenantId);
    if (!actor || !address) return void (await context.sendActivity(t(lang, 'channelLink.notChannel')));
    const result = await registerTeamInbox(deps, {
      actor,
      actorUpn: isChannel(context) ? await upnOf(context) : undefined,
      teamId,
      inChannel: isChannel(context),
      address,
    });
    deps.log.info({ event: result.ok ? 'inbox.registered' : `inbox.register_${result.error.code}`, teamId });
    if (result.ok) {
      await rememberRoster(context, deps, actor.tenantId).catch((error: unknown) => {
        // The inbox is linked either way; members' ids are then learned when the first card is delivered.
        const failure = transportFailureOf(error);
        if (failure === undefined) throw error;
        deps.log.warn({ event: 'inbox.roster_unavailable', teamId, status: failure.status });
      });
      return void (await context.sendActivity(t(lang, 'channelLink.registered', { team: result.value.team.name })));
    }
    switch (result.error.code) {
      case 'not_a_channel':
        return void (await context.sendActivity(t(lang, 'channelLink.notChannel')));
      case 'unknown_team':
        return void (await context.sendActivity(t(lang, 'channelLink.unknownTeam', { teamId })));
      case 'not_authorized':
        return void (await context.sendActivity(t(lang, 'channelLink.refused', { team: result.error.team.name })));
      default: {
        const unreachable: never = result.error;
        return unreachable;
      }
    }
  });
}

/**
 * Learns the Teams user ids (MRIs) of everyone in the new inbox's team, so that the first case card posted
 * there already refreshes to each member's own view (Teams matches `refresh.userIds` against MRIs).
 */
async function rememberRoster(context: TurnContext, deps: BotDeps, tenantId: string): Promise<void> {
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, token);
    await deps.userIds.rememberAll(
      tenantId,
      page.members.flatMap((m) => (m.aadObjectId ? [{ mri: m.id, entraId: m.aadObjectId }] : [])),
    );
    token = page.continuationToken || undefined;
  } while (token !== undefined);
}

/** The sender's UPN from the team roster; the directory may list people by UPN instead of object id. */
async function upnOf(context: TurnContext): Promise<string | undefined> {
  const member = await TeamsInfo.getMember(context, context.activity.from.id);
  return member.userPrincipalName ?? undefined;
}
