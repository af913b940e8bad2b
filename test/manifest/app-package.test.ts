import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Checked } from '../../scripts/app-package/checked';
import { deriveAppId } from '../../scripts/app-package/derive-app-id';
import { isJsonObject } from '../../scripts/app-package/is-json-object';
import { packageApp, type PackagedApp } from '../../scripts/app-package/package-app';
import { decode, encode } from 'fast-png';
import { createRgbaImage, type RgbaImage } from '../../scripts/png/rgba-image';

const encodePng = (image: RgbaImage): Uint8Array => encode({ ...image, channels: 4, depth: 8 });

const TEMPLATE_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));
const SAMPLE_BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OTHER_BOT_ID = 'b2c6d5a4-1e3f-4a7b-9c8d-0e1f2a3b4c5d';

let workDir = '';
let runs = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sst-bridge-app-package-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Runs `npm run package` in-process, writing into the temp dir only. */
async function run(env: Record<string, string>, manifestDir = TEMPLATE_DIR): Promise<{ result: Checked<PackagedApp>; outFile: string }> {
  runs += 1;
  const outFile = join(workDir, `run-${runs}`, 'sst-bridge-app.zip');
  const result = await packageApp({ manifestDir, outFile, env, defaultVersion: '0.1.0' });
  return { result, outFile };
}

function problemsOf(result: Checked<unknown>): readonly string[] {
  return result.ok ? [] : result.problems;
}

async function zipOf(outFile: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(outFile));
}

async function jsonIn(zip: JSZip, name: string): Promise<unknown> {
  const entry = zip.file(name);
  if (entry === null) throw new Error(`${name} is not in the package`);
  return JSON.parse(await entry.async('string'));
}

async function bytesIn(zip: JSZip, name: string): Promise<Uint8Array> {
  const entry = zip.file(name);
  if (entry === null) throw new Error(`${name} is not in the package`);
  return entry.async('uint8array');
}

/** A copy of manifest/ in the temp dir, with `edit` applied to one of its JSON files. */
async function brokenCopy(file: string, edit: (doc: Record<string, unknown>) => void): Promise<string> {
  runs += 1;
  const dir = join(workDir, `manifest-${runs}`);
  await cp(TEMPLATE_DIR, dir, { recursive: true });
  const doc: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
  if (!isJsonObject(doc)) throw new Error(`${file} is not a JSON object`);
  edit(doc);
  await writeFile(join(dir, file), JSON.stringify(doc));
  return dir;
}

const builtManifest = z.object({
  id: z.string(),
  version: z.string(),
  validDomains: z.array(z.string()),
  bots: z.array(
    z.object({
      botId: z.string(),
      scopes: z.array(z.string()),
      commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(z.object({ title: z.string() })) })),
    }),
  ),
});
const englishStrings = z.record(z.string());

describe('the Teams app package built by npm run package', () => {
  it('passes Microsoft’s manifest and localization schemas with zero problems for a sample BOT_ID', async () => {
    const { result } = await run({ BOT_ID: SAMPLE_BOT_ID });
    expect(problemsOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('holds manifest.json, color.png, outline.png and the English strings in the root of the zip', async () => {
    const { outFile } = await run({ BOT_ID: SAMPLE_BOT_ID });
    const zip = await zipOf(outFile);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
  });

  it('fills in the bot id, a Teams app id that stays the same for the same bot, and the version', async () => {
    const first = builtManifest.parse(await jsonIn(await zipOf((await run({ BOT_ID: SAMPLE_BOT_ID })).outFile), 'manifest.json'));
    const again = builtManifest.parse(await jsonIn(await zipOf((await run({ BOT_ID: SAMPLE_BOT_ID })).outFile), 'manifest.json'));
    const other = builtManifest.parse(await jsonIn(await zipOf((await run({ BOT_ID: OTHER_BOT_ID })).outFile), 'manifest.json'));

    expect(first.bots[0]?.botId).toBe(SAMPLE_BOT_ID);
    expect(first.id).toBe(deriveAppId(SAMPLE_BOT_ID));
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.id).not.toBe(SAMPLE_BOT_ID);
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(first.version).toBe('0.1.0');
  });

  it('uses APP_ID, APP_VERSION and BOT_DOMAIN when they are set', async () => {
    const appId = '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70';
    const { outFile } = await run({ BOT_ID: SAMPLE_BOT_ID, APP_ID: appId, APP_VERSION: '2.3.4', BOT_DOMAIN: 'sst-bridge.example.se' });
    const manifest = builtManifest.parse(await jsonIn(await zipOf(outFile), 'manifest.json'));
    expect(manifest.id).toBe(appId);
    expect(manifest.version).toBe('2.3.4');
    expect(manifest.validDomains).toEqual(['sst-bridge.example.se']);
  });

  it('lists no valid domains when BOT_DOMAIN is not set', async () => {
    const manifest = builtManifest.parse(await jsonIn(await zipOf((await run({ BOT_ID: SAMPLE_BOT_ID })).outFile), 'manifest.json'));
    expect(manifest.validDomains).toEqual([]);
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon that is only white on transparent', async () => {
    const zip = await zipOf((await run({ BOT_ID: SAMPLE_BOT_ID })).outFile);
    const color = Buffer.from(await bytesIn(zip, 'color.png'));
    const outline = Buffer.from(await bytesIn(zip, 'outline.png'));
    // Width and height straight from the IHDR chunk (bytes 16-23), independent of our decoder.
    expect([color.readUInt32BE(16), color.readUInt32BE(20)]).toEqual([192, 192]);
    expect([outline.readUInt32BE(16), outline.readUInt32BE(20)]).toEqual([32, 32]);

    const pixels = decode(outline);
    expect([pixels.channels, pixels.depth]).toEqual([4, 8]);
    const notWhite: number[] = [];
    let opaqueWhite = 0;
    for (let i = 0; i < pixels.width * pixels.height; i += 1) {
      const [r, g, b, a] = pixels.data.subarray(i * 4, i * 4 + 4);
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) notWhite.push(i);
      if (a === 255) opaqueWhite += 1;
    }
    expect(notWhite).toEqual([]);
    expect(opaqueWhite).toBeGreaterThan(50);
  });

  it('offers every command in Swedish in the manifest and in English in en.json, for personal chat and teams', async () => {
    const zip = await zipOf((await run({ BOT_ID: SAMPLE_BOT_ID })).outFile);
    const manifest = builtManifest.parse(await jsonIn(zip, 'manifest.json'));
    const english = englishStrings.parse(await jsonIn(zip, 'en.json'));
    const bot = manifest.bots[0];
    const menus = (bot?.commandLists ?? []).map((list, l) => ({
      scopes: list.scopes,
      commands: list.commands.map((c, i) => [c.title, english[`bots[0].commandLists[${l}].commands[${i}].title`]]),
    }));

    expect(bot?.scopes).toEqual(['personal', 'team']);
    expect(menus).toEqual([
      {
        scopes: ['personal'],
        commands: [
          ['begär stöd', 'request support'],
          ['mina ärenden', 'my cases'],
          ['mina överlämningar', 'my handovers'],
          ['statistik', 'statistics'],
          ['historik', 'history'],
          ['hjälp', 'help'],
        ],
      },
      {
        scopes: ['team'],
        commands: [
          ['registrera', 'register'],
          ['begär stöd', 'request support'],
          ['mina ärenden', 'my cases'],
          ['mina överlämningar', 'my handovers'],
          ['hjälp', 'help'],
        ],
      },
    ]);
  });
});

describe('npm run package refuses to build', () => {
  it.each([
    ['BOT_ID is missing', {}, /^BOT_ID: required: the Microsoft App ID/],
    ['BOT_ID is blank', { BOT_ID: '  ' }, /^BOT_ID: required/],
    ['BOT_ID is not a GUID', { BOT_ID: 'sst-bridge-bot' }, /^BOT_ID: expected a GUID .* found "sst-bridge-bot"$/],
    ['BOT_ID is the all-zero GUID', { BOT_ID: '00000000-0000-0000-0000-000000000000' }, /^BOT_ID: expected a real GUID/],
    ['APP_VERSION is not MAJOR.MINOR.PATCH', { BOT_ID: SAMPLE_BOT_ID, APP_VERSION: '1.0' }, /^APP_VERSION: expected MAJOR\.MINOR\.PATCH/],
    ['BOT_DOMAIN is a URL', { BOT_ID: SAMPLE_BOT_ID, BOT_DOMAIN: 'https://bot.example.se/' }, /^BOT_DOMAIN: expected a host name/],
  ])('when %s, and says why', async (_case, env, message) => {
    const { result, outFile } = await run(env);
    expect(problemsOf(result)).toEqual([expect.stringMatching(message)]);
    expect(existsSync(outFile)).toBe(false);
  });

  it('a manifest without its required developer block, because the schema validator is live', async () => {
    const dir = await brokenCopy('manifest.json', (m) => delete m.developer);
    const { result, outFile } = await run({ BOT_ID: SAMPLE_BOT_ID }, dir);
    expect(problemsOf(result)).toEqual([expect.stringContaining("manifest.json: must have required property 'developer'")]);
    expect(existsSync(outFile)).toBe(false);
  });

  it('and lists every schema violation, not only the first', async () => {
    const dir = await brokenCopy('manifest.json', (m) => {
      delete m.accentColor;
      m.name = { short: 'SST Bridge för alla skolor i Stockholms stad' };
    });
    const problems = problemsOf((await run({ BOT_ID: SAMPLE_BOT_ID }, dir)).result);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'accentColor'"),
        expect.stringContaining('/name/short must NOT have more than 30 characters'),
      ]),
    );
  });

  it('English strings the localization schema does not allow', async () => {
    const dir = await brokenCopy('en.json', (strings) => {
      strings['name.nickname'] = 'SSTB';
    });
    const problems = problemsOf((await run({ BOT_ID: SAMPLE_BOT_ID }, dir)).result);
    expect(problems).toEqual([expect.stringMatching(/^en\.json: must NOT have additional properties.*name\.nickname/)]);
  });

  it('a command that has no English title', async () => {
    const dir = await brokenCopy('en.json', (strings) => delete strings['bots[0].commandLists[1].commands[0].title']);
    const problems = problemsOf((await run({ BOT_ID: SAMPLE_BOT_ID }, dir)).result);
    expect(problems).toEqual([
      expect.stringContaining('en.json: expected "bots[0].commandLists[1].commands[0].title" (the translation of "registrera")'),
    ]);
  });

  it('a template with a placeholder it cannot fill', async () => {
    const dir = await brokenCopy('en.json', (strings) => {
      strings['name.full'] = 'SST Bridge by ${{DEVELOPER}}';
    });
    const problems = problemsOf((await run({ BOT_ID: SAMPLE_BOT_ID }, dir)).result);
    expect(problems).toEqual(['en.json: /name.full uses unknown placeholder ${{DEVELOPER}}']);
  });

  it('a manifest version whose schema is not bundled, rather than fetching it', async () => {
    const dir = await brokenCopy('manifest.json', (m) => {
      m.manifestVersion = '9.99';
      m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json';
    });
    const problems = problemsOf((await run({ BOT_ID: SAMPLE_BOT_ID }, dir)).result);
    expect(problems).toEqual([expect.stringMatching(/^manifestVersion "9\.99" has no schema bundled with @microsoft\/app-manifest/)]);
  });

  it('icons of the wrong size or with colour in the outline', async () => {
    runs += 1;
    const dir = join(workDir, `manifest-${runs}`);
    await cp(TEMPLATE_DIR, dir, { recursive: true });
    const outline = createRgbaImage(32, 32);
    outline.data.fill(255);
    outline.data.set([200, 0, 0, 255], (5 * 32 + 3) * 4);
    await writeFile(join(dir, 'outline.png'), encodePng(outline));
    await writeFile(join(dir, 'color.png'), encodePng(createRgbaImage(100, 100)));

    const problems = problemsOf((await run({ BOT_ID: SAMPLE_BOT_ID }, dir)).result);
    expect(problems).toEqual([
      'color.png: expected 192×192 pixels, found 100×100',
      'outline.png: expected only white or fully transparent pixels, found 1 other pixel(s), the first at x=3, y=5: rgba(200, 0, 0, 255)',
    ]);
  });
});
