import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDirectorySource } from '../../../src/config/directory-source';

const sample = readFileSync(new URL('../../../directory/stockholm.sample.yaml', import.meta.url), 'utf8');
/** The sample with another version, no longer marked as sample data: stands in for the city's file. */
const cityDirectory = (version: string) => sample.replace(/^version: .*$/m, `version: "${version}"`).replace(/^sample: true$/m, 'sample: false');

describe('the directory source', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fileWith = (content: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'sst-directory-'));
    dirs.push(dir);
    const file = join(dir, 'directory.yaml');
    writeFileSync(file, content);
    return file;
  };
  const events: object[] = [];
  const log = { info: (line: object) => events.push(line), error: (line: object) => events.push(line) };

  it('stops production start-up on sample data unless allowed', () => {
    const file = fileWith(sample);
    expect(() => openDirectorySource({ nodeEnv: 'production', allowSampleDirectory: false, directoryFile: file }, () => undefined, log)).toThrow(/it is sample data/);
    const allowed = openDirectorySource({ nodeEnv: 'production', allowSampleDirectory: true, directoryFile: file }, () => undefined, log);
    expect(allowed.current().sample).toBe(true);
  });

  it('refuses to reload sample data in production and keeps the directory in force', () => {
    const file = fileWith(cityDirectory('city-2027-01'));
    const source = openDirectorySource({ nodeEnv: 'production', allowSampleDirectory: false, directoryFile: file }, () => undefined, log);
    expect(source.current().version).toBe('city-2027-01');

    writeFileSync(file, sample);
    const refused = source.reload();
    expect(!refused.ok && refused.error.problems.join('\n')).toContain('it is sample data (sample: true, version 2026-11-sample) and NODE_ENV=production');
    expect(source.current().version).toBe('city-2027-01');

    writeFileSync(file, cityDirectory('city-2027-02'));
    expect(source.reload()).toEqual({ ok: true, value: { version: 'city-2027-02' } });
    expect(source.current().version).toBe('city-2027-02');
  });
});
