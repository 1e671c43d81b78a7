/**
 * Helpers over lezer Python nodes shared by the evaluator's seams.
 */
import type { SyntaxNode } from '@lezer/common';
import { firstKid, lastKid, nextKid } from '../python/parse';

export function hasComma(node: SyntaxNode, skip: number): boolean {
  let i = 0;
  for (let c = firstKid(node); c; c = nextKid(c), i++) if (i >= skip && c.name === ',') return true;
  return false;
}

export function hasSliceColon(member: SyntaxNode): boolean {
  for (let c = firstKid(member); c; c = nextKid(c)) if (c.name === ':') return true;
  return false;
}

export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = firstKid(node); c; c = nextKid(c))
    if (c.name !== 'if' && c.name !== 'else') out.push(c);
  return out;
}

/** The root VariableName of `a.b[c].d(...)`-style target chains. */
export function rootName(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node;
  while (n && (n.name === 'MemberExpression' || n.name === 'CallExpression')) n = firstKid(n);
  return n?.name === 'VariableName' ? n : undefined;
}

const COMPARE_TOKENS = new Set(['CompareOp', 'in', 'not', 'is']);

/** The comparison operator text of a BinaryExpression, or undefined if it is not a comparison. */
export function comparisonOperator(node: SyntaxNode, source: string): string | undefined {
  const op = nextKid(firstKid(node));
  if (!op || !COMPARE_TOKENS.has(op.name)) return undefined;
  if (op.name === 'CompareOp') return source.slice(op.from, op.to);
  if (op.name === 'in') return 'in';
  if (op.name === 'not') return 'not in';
  const next = nextKid(op);
  return next?.name === 'not' ? 'is not' : 'is';
}

/** `a < b <= c` (left-nested BinaryExpressions without parentheses) as operands and ops. */
export function flattenComparison(
  node: SyntaxNode,
  source: string,
): { operands: SyntaxNode[]; ops: string[] } {
  const op = comparisonOperator(node, source)!;
  const left = firstKid(node)!;
  const right = lastKid(node)!;
  if (left.name === 'BinaryExpression' && comparisonOperator(left, source)) {
    const inner = flattenComparison(left, source);
    return { operands: [...inner.operands, right], ops: [...inner.ops, op] };
  }
  return { operands: [left, right], ops: [op] };
}
