import type { Directory } from '../domain/routing/directory';
import type { Config } from './env';

/**
 * Production never runs on sample data by accident: a directory that declares `sample: true` (fictional
 * people, invented team coverage) is refused with NODE_ENV=production unless the operator sets
 * ALLOW_SAMPLE_DIRECTORY=true. Checked at start-up and on every reload. Throws one Error in the shape
 * `loadDirectoryFile` uses: a header line, then one `- problem` line each.
 */
export function assertDirectoryAllowed(
  config: Pick<Config, 'nodeEnv' | 'allowSampleDirectory' | 'directoryFile'>,
  directory: Pick<Directory, 'sample' | 'version'>,
): void {
  if (config.nodeEnv !== 'production' || directory.sample !== true || config.allowSampleDirectory) return;
  throw new Error(
    `The routing directory ${config.directoryFile} cannot be used:\n` +
      `- it is sample data (sample: true, version ${directory.version}) and NODE_ENV=production; ` +
      'point DIRECTORY_FILE at the city\'s directory, or set ALLOW_SAMPLE_DIRECTORY=true to run on sample data on purpose',
  );
}
