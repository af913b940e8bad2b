import { isJsonObject } from './is-json-object';

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

export interface Filled {
  readonly document: unknown;
  readonly problems: readonly string[];
}

/**
 * Replaces `${{NAME}}` in every string of a parsed JSON document. Filling after parsing keeps the values
 * out of the JSON syntax, so no value can break or extend the document. Unknown names are problems.
 */
export function fillPlaceholders(document: unknown, values: Readonly<Record<string, string>>, file: string): Filled {
  const problems: string[] = [];
  const fill = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) problems.push(`${file}: ${path || '/'} uses unknown placeholder ${whole}`);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => fill(item, `${path}/${i}`));
    if (isJsonObject(node)) {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, `${path}/${key}`)]));
    }
    return node;
  };
  return { document: fill(document, ''), problems };
}
