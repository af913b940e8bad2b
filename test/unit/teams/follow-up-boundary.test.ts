import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Follow-up work is decided and scheduled in one place (src/app/dispatch-case-change.ts, README "Layout"): a
 * feature handler returns its answer and starts nothing itself. The repository's ESLint configuration refuses
 * a feature that imports the dispatcher or the routing it runs, or that reaches for background work.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const importing = (module: string) => `import * as m from '${module}';\nexport const probe = m;\n`;
const feature = 'src/adapters/teams/features/case/register.ts';

describe('follow-up work happens in the dispatcher only', () => {
  it.each([
    '../../../../app/dispatch-case-change',
    '../../../../app/route-to-inbox',
    '../../../../app/route-to-unit',
    '../../../../app/route-input-request',
    '../../../../app/queue-reminder',
  ])('refuses a feature importing %s', async (module) => {
    expect(await violations(feature, importing(module))).toEqual([expect.stringContaining('dispatch-case-change')]);
  });

  it('refuses a feature scheduling background work', async () => {
    const code = "import type { BotDeps } from '../../bot-deps';\nexport const go = (deps: BotDeps) => deps.background.run('x', async () => undefined);\n";
    expect(await violations('src/adapters/teams/features/report/register.ts', code)).toEqual([expect.stringContaining('do not schedule background work')]);
  });

  it('still refuses teams-ai and card-action shortcuts in features', async () => {
    expect(await violations(feature, importing('botbuilder'))).toHaveLength(1);
    expect(await violations(feature, 'export const f = (app: { adaptiveCards: { actionExecute: unknown } }) => app.adaptiveCards.actionExecute;\n')).toHaveLength(1);
  });

  it.each([
    ['src/adapters/teams/features/case/register.ts', '../../../../app/act-on-case'],
    ['src/app/submit-report.ts', './dispatch-case-change'],
  ])('lets %s import %s', async (file, module) => {
    expect(await violations(file, importing(module))).toEqual([]);
  });
});
