import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycle anywhere in src (type-only imports included): layers import one way, shared
 * types live in modules of their own (e.g. src/history/types.ts), and in src/settings/eval the
 * interpreter reaches the library models through the registry while they reach it through the
 * Host interface.
 */

const ROOT = path.join(import.meta.dirname, '../src');
const EVAL = path.join(ROOT, 'settings/eval');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** Relative imports of a file, resolved to files inside src. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)) {
    const base = path.resolve(path.dirname(file), m[1]!);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')])
      if (known.has(candidate)) out.push(candidate);
  }
  return out;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The interpreter's seams (src/settings/eval/README.md). */
const SEAMS = ['statements', 'branches', 'imports', 'expressions', 'objects', 'export'];

describe('src imports', () => {
  const files = sourceFiles(ROOT);
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known)]));

  it('form no cycle', () => {
    const cycle = findCycle(graph)?.map((f) => path.relative(ROOT, f));
    expect(cycle).toBeUndefined();
  });

  it('the check sees the imports (the interpreter reaches its seams, expressions the registry)', () => {
    const interpreter = path.join(EVAL, 'interpreter.ts');
    for (const seam of SEAMS)
      expect(graph.get(interpreter)).toContain(path.join(EVAL, `${seam}.ts`));
    expect(graph.get(path.join(EVAL, 'expressions.ts'))).toContain(
      path.join(EVAL, 'library/index.ts'),
    );
    // …and type-only imports count: this one is `import type`.
    expect(graph.get(path.join(ROOT, 'history/full-scan.ts'))).toContain(
      path.join(ROOT, 'history/types.ts'),
    );
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'a']);
  });

  it('library models never import the interpreter', () => {
    for (const file of files.filter((f) => f.startsWith(path.join(EVAL, 'library') + path.sep)))
      expect(graph.get(file), path.relative(ROOT, file)).not.toContain(
        path.join(EVAL, 'interpreter.ts'),
      );
  });

  it("the evaluator's seams reach the interpreter only through the Evaluator interface", () => {
    for (const seam of SEAMS) {
      const imports = graph.get(path.join(EVAL, `${seam}.ts`)) ?? [];
      expect(imports, seam).not.toContain(path.join(EVAL, 'interpreter.ts'));
      expect(imports, seam).toContain(path.join(EVAL, 'evaluator.ts'));
    }
  });
});
