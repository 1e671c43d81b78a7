/** Reading call arguments (positional or keyword, with their source text). */
import type { PyValue } from '../../value';
import type { Args } from '../host';

export const noArgs = (source = ''): Args => ({
  pos: [],
  kw: new Map(),
  posNodes: [],
  kwNodes: new Map(),
  source,
});

export function argAt(args: Args, index: number, name?: string): PyValue | undefined {
  if (index >= 0 && index < args.pos.length) return args.pos[index];
  return name !== undefined ? args.kw.get(name) : undefined;
}

export function argText(args: Args, index: number, name?: string): string | undefined {
  const node =
    index >= 0 && index < args.pos.length
      ? args.posNodes[index]
      : name !== undefined
        ? args.kwNodes.get(name)
        : undefined;
  return node ? args.source.slice(node.from, node.to) : undefined;
}
