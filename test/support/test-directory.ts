import { fileURLToPath } from 'node:url';
import { loadDirectoryFile } from '../../src/config/directory';
import type { Directory } from '../../src/domain/routing/directory';

/** The sample directory the bot runs with out of the box; tests route against it. */
export const sampleDirectoryPath = fileURLToPath(new URL('../../directory/stockholm.sample.yaml', import.meta.url));

export const loadSampleDirectory = (): Directory => loadDirectoryFile(sampleDirectoryPath);
