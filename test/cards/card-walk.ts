/** Small readers over card JSON, for checks a card reviewer would make. */
export type Node = Record<string, unknown>;

export function nodesOf(card: unknown): Node[] {
  const out: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = Object.fromEntries(Object.entries(node));
      out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export const inputsOf = (card: unknown): Node[] => nodesOf(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'));

export const executeActionsOf = (card: unknown): Node[] => nodesOf(card).filter((n) => n.type === 'Action.Execute');
