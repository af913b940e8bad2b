import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environmentVariableNames } from '../../../src/config/env';

/** README's configuration table, .env.example and the zod environment schema are one list. */
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const envExample = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8').split('\n');

function readmeTableNames(): string[] {
  const start = readme.indexOf('\n## Configuration\n');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `([A-Za-z_][A-Za-z0-9_]*)` \|/gm)].map((m) => m[1] ?? '');
}

const variableLine = /^(?:# )?([A-Za-z_][A-Za-z0-9_]*)=/;
const envExampleNames = (): string[] => envExample.flatMap((line) => variableLine.exec(line)?.[1] ?? []);

describe('configuration documentation', () => {
  it('the README table lists exactly the variables the environment schema reads', () => {
    expect([...readmeTableNames()].sort()).toEqual([...environmentVariableNames].sort());
  });

  it('.env.example lists the same variables in the same order as the README table', () => {
    expect(envExampleNames()).toEqual(readmeTableNames());
  });

  it('.env.example explains every variable in a comment right above it, and sets none (a copy changes nothing)', () => {
    envExample.forEach((line, i) => {
      const name = variableLine.exec(line)?.[1];
      if (name === undefined) return;
      const above = envExample[i - 1] ?? '';
      expect(above.startsWith('# ') && !variableLine.test(above), `${name} needs a comment line above it`).toBe(true);
      expect(line.startsWith('# '), `${name} is commented out`).toBe(true);
    });
  });
});
