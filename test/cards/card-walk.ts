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

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const childrenOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : isNode(v) ? Object.values(v) : []);

/** The inputs of one card's own body and actions, leaving out the cards nested in its Action.ShowCards. */
function ownInputsOf(card: unknown): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown): void => {
    if (isNode(v) && typeof v.type === 'string' && v.type.startsWith('Input.')) out.push(v);
    for (const child of childrenOf(v)) {
      if (isNode(v) && v.type === 'Action.ShowCard' && child === v.card) continue;
      walk(child);
    }
  };
  walk(card);
  return out;
}

/**
 * Every Action.Execute with the inputs it sends when associatedInputs is "auto": those of the card it sits in
 * and of every card around it, never those of a sibling Action.ShowCard (how the Adaptive Cards renderers
 * gather inputs).
 */
export function submissionsOf(card: unknown): { action: Node; inputs: Node[] }[] {
  const out: { action: Node; inputs: Node[] }[] = [];
  const walk = (v: unknown, chain: readonly unknown[]): void => {
    if (isNode(v) && v.type === 'Action.Execute') out.push({ action: v, inputs: chain.flatMap(ownInputsOf) });
    for (const child of childrenOf(v)) walk(child, isNode(v) && v.type === 'Action.ShowCard' && child === v.card ? [...chain, child] : chain);
  };
  walk(card, [card]);
  return out;
}
