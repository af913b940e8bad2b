/**
 * The two classes the bot takes from @microsoft/teams-ai at run time, imported from their own files. The
 * package's index also loads its AI stack (planners, prompt management, the OpenAI client, gpt-tokenizer,
 * about 190 modules and a third of a second of start-up on a 2-core machine) which this bot never uses.
 * teams-ai has no `exports` map, so these paths are its published layout; its version is pinned in
 * package.json, and test/build/built-bot.test.ts starts the built bot, so a layout change fails the build test.
 * Types may still come from '@microsoft/teams-ai' (`import type` loads nothing).
 */
export { Application } from '@microsoft/teams-ai/lib/Application.js';
export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
