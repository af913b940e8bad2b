import { describe, expect, it } from 'vitest';
import { loadDirectoryFile } from '../../../src/config/directory';
import { assertDirectoryAllowed } from '../../../src/config/directory-allowed';

const sampleFile = 'directory/stockholm.sample.yaml';

describe('sample data in production', () => {
  const production = { nodeEnv: 'production' as const, allowSampleDirectory: false, directoryFile: sampleFile };

  it('the shipped sample directory declares itself sample data', () => {
    expect(loadDirectoryFile(sampleFile).sample).toBe(true);
  });

  it('refuses a directory marked sample: true in production, saying how to proceed', () => {
    const sample = loadDirectoryFile(sampleFile);
    expect(() => assertDirectoryAllowed(production, sample)).toThrow(
      /cannot be used:\n- it is sample data \(sample: true, version 2026-11-sample\) and NODE_ENV=production; point DIRECTORY_FILE at the city's directory, or set ALLOW_SAMPLE_DIRECTORY=true/,
    );
  });

  it('accepts sample data in production only when the operator allows it explicitly', () => {
    expect(() => assertDirectoryAllowed({ ...production, allowSampleDirectory: true }, { sample: true, version: 'v' })).not.toThrow();
  });

  it('accepts the city directory (no sample flag, or sample: false) in production', () => {
    expect(() => assertDirectoryAllowed(production, { version: 'city-2027-01' })).not.toThrow();
    expect(() => assertDirectoryAllowed(production, { sample: false, version: 'city-2027-01' })).not.toThrow();
  });

  it.each(['development', 'test'] as const)('lets %s run on sample data', (nodeEnv) => {
    expect(() => assertDirectoryAllowed({ ...production, nodeEnv }, { sample: true, version: 'v' })).not.toThrow();
  });
});
