import type { DirectoryReloader } from '../app/reload-directory';
import type { Directory } from '../domain/routing/directory';
import { loadDirectoryFile } from './directory';
import { assertDirectoryAllowed } from './directory-allowed';
import type { Config } from './env';

/** The directory in force and how to reload it. */
export interface DirectorySource {
  current: () => Directory;
  reload: DirectoryReloader;
}

/**
 * Loads the routing directory file at start-up (throwing the list of problems) and reloads it on request: a
 * reload swaps the whole directory, or keeps the old one and says why. Both refuse sample data in production
 * (assertDirectoryAllowed) and run `check` (run.ts passes the calendar check). Cases in flight live in the
 * store and keep their routing.
 */
export function openDirectorySource(
  config: Pick<Config, 'nodeEnv' | 'allowSampleDirectory' | 'directoryFile'>,
  check: (directory: Directory) => void,
  log: { info: (line: object) => void; error: (line: object) => void },
): DirectorySource {
  const load = (): Directory => {
    const next = loadDirectoryFile(config.directoryFile);
    assertDirectoryAllowed(config, next);
    check(next);
    return next;
  };
  let directory = load();
  return {
    current: () => directory,
    reload: () => {
      try {
        directory = load();
        log.info({ event: 'directory.reloaded', version: directory.version });
        return { ok: true, value: { version: directory.version } };
      } catch (error) {
        const problems = error instanceof Error ? error.message.split('\n').slice(1).map((l) => l.replace(/^- /, '')) : [];
        log.error({ event: 'directory.reload_failed', problems: problems.length });
        return { ok: false, error: { problems: problems.length > 0 ? problems : ['unreadable directory file'] } };
      }
    },
  };
}
