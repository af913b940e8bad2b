import { schemaUrl } from './bundled-schema';

export interface CommandList {
  readonly commands: readonly { readonly title: string }[];
}

export interface LocalizationFile {
  readonly name: string;
  readonly strings: Readonly<Record<string, unknown>>;
}

const COMMAND_KEY = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description|prompt)$/;

/**
 * Checks what the localization schema cannot: the file declares the manifest's schema version (Teams
 * requires them to match), every localized command exists in the manifest, and every command has a
 * localized title, so no one sees a Swedish command in an English menu by omission.
 */
export function checkLocalization(file: LocalizationFile, manifestVersion: string, commandLists: readonly CommandList[]): string[] {
  const problems: string[] = [];
  const expectedSchema = schemaUrl('localization', manifestVersion);
  if (file.strings.$schema !== expectedSchema) {
    problems.push(`${file.name}: expected $schema ${expectedSchema} (the manifest's version), found ${String(file.strings.$schema)}`);
  }
  for (const key of Object.keys(file.strings)) {
    const match = COMMAND_KEY.exec(key);
    if (match === null) continue;
    const [, list = '', command = ''] = match;
    if (commandLists[Number(list)]?.commands[Number(command)] === undefined) {
      problems.push(`${file.name}: "${key}" localizes a command that manifest.json does not have`);
    }
  }
  commandLists.forEach((list, l) =>
    list.commands.forEach((command, c) => {
      const key = `bots[0].commandLists[${l}].commands[${c}].title`;
      if (typeof file.strings[key] !== 'string') {
        problems.push(`${file.name}: expected "${key}" (the translation of "${command.title}"), found none`);
      }
    }),
  );
  return problems;
}
