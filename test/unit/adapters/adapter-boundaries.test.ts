import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Adapters do not reach into each other (README "Layout"): the Teams adapter takes Stockholm time from the Clock
 * port and everything else through src/app/ports/, never from a sibling adapter folder; the stores date statistics
 * rows with the StockholmTime port they are given; logging is the exception. The repository's own ESLint
 * configuration must refuse it.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, specifier: string): Promise<string[]> {
  const code = `import * as probe from '${specifier}';\nexport const used = probe;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the boundaries between adapters', () => {
  it.each([
    ['src/adapters/teams/cards/views/case-age.ts', '../../../clock/system-clock'],
    ['src/adapters/teams/teams-messenger.ts', '../clock/system-clock'],
    ['src/adapters/teams/features/handover/respond.ts', '../../../clock/system-clock'],
    ['src/adapters/teams/delivery/teams-notifier.ts', '../../store/sqlite/sqlite-case-store'],
    ['src/adapters/teams/teams-ai/teams-ai-bot.ts', '../../background/tracked-background-work'],
    ['src/adapters/teams/bot-deps.ts', '../calendar/calendar-of'],
    ['src/adapters/store/sqlite/sqlite-statistics.ts', '../../clock/system-clock'],
    ['src/adapters/store/cosmos/cosmos-items.ts', '../../clock/system-clock'],
    ['src/adapters/store/open-case-store.ts', '../clock/system-clock'],
    ['src/adapters/store/cosmos/cosmos-case-store.ts', '../../teams/teams-messenger'],
    ['src/adapters/store/sqlite/sqlite-case-store.ts', '../../calendar/calendar-of'],
    // The stores' block replaces the general one (ESLint does not merge options): the library bans still hold.
    ['src/adapters/store/sqlite/sqlite-case-store.ts', 'botbuilder'],
    ['src/adapters/store/cosmos/cosmos-case-store.ts', 'restify'],
  ])('refuses %s importing %s', async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toHaveLength(1);
  });

  it.each([
    ['src/adapters/teams/cards/views/case-age.ts', '../../../../app/ports/clock'],
    ['src/adapters/teams/cards/views/case-sections.ts', '../../../../domain/calendar/calendar-date'],
    ['src/adapters/teams/teams-ai/teams-ai-bot.ts', '../../log/logger'],
    ['src/adapters/teams/features/handover/respond.ts', '../../cards/render'],
    ['src/adapters/store/sqlite/sqlite-statistics.ts', '../../../app/ports/clock'],
    ['src/adapters/store/cosmos/cosmos-items.ts', '../../../domain/calendar/local-date-time'],
    ['src/adapters/store/cosmos/cosmos-case-store.ts', '../../log/logger'],
    ['src/adapters/store/sqlite/sqlite-case-store.ts', '../corrupt-row-error'],
  ])('lets %s import %s', async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toEqual([]);
  });
});
