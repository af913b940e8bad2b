import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The Teams boundary (README "Layout"): only the teams-ai adapter and the delivery transport import teams-ai or
 * botbuilder, and only the HTTP edge imports restify, so that a move to another Teams library rewrites those
 * alone. The repository's own ESLint configuration must refuse anything else.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, library: string): Promise<string[]> {
  const code = `import * as lib from '${library}';\nexport const probe = lib;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the Teams boundary', () => {
  it.each([
    ['src/adapters/teams/features/help/register.ts', 'botbuilder'],
    ['src/adapters/teams/features/case/register.ts', '@microsoft/teams-ai'],
    ['src/adapters/teams/teams-messenger.ts', 'botframework-connector'],
    ['src/adapters/teams/create-bot.ts', 'botbuilder'],
    ['src/app-server.ts', 'botbuilder'],
    ['src/adapters/http/server.ts', 'botbuilder'],
    ['src/adapters/teams/features/help/register.ts', 'restify'],
    ['src/app-server.ts', 'restify'],
    ['src/adapters/teams/teams-ai/teams-ai-bot.ts', 'restify'],
  ])('refuses %s importing %s', async (file, library) => {
    expect(await restrictedImports(file, library)).toHaveLength(1);
  });

  it.each([
    ['src/adapters/teams/teams-ai/teams-ai-routes.ts', '@microsoft/teams-ai'],
    ['src/adapters/teams/teams-ai/turn-of.ts', 'botbuilder'],
    ['src/adapters/teams/delivery/proactive-sender.ts', 'botbuilder'],
    ['src/adapters/http/server.ts', 'restify'],
  ])('lets %s import %s', async (file, library) => {
    expect(await restrictedImports(file, library)).toEqual([]);
  });
});
