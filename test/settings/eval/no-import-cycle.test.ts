import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * src/settings/eval has no import cycle (type-only imports included): the interpreter reaches
 * the library models through the registry, and they reach it through the Host interface.
 */

const ROOT = path.join(import.meta.dirname, '../../../src/settings/eval');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** Relative imports of a file, resolved to files inside src/settings/eval. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)) {
    const base = path.resolve(path.dirname(file), m[1]!);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')])
      if (candidate.startsWith(ROOT) && sourceFiles(ROOT).includes(candidate)) out.push(candidate);
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

describe('src/settings/eval imports', () => {
  const files = sourceFiles(ROOT);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('form no cycle', () => {
    const cycle = findCycle(graph)?.map((f) => path.relative(ROOT, f));
    expect(cycle).toBeUndefined();
  });

  it('the check sees the imports (the interpreter reaches its seams, expressions the registry)', () => {
    const interpreter = path.join(ROOT, 'interpreter.ts');
    for (const seam of ['statements', 'branches', 'imports', 'expressions', 'objects', 'export'])
      expect(graph.get(interpreter)).toContain(path.join(ROOT, `${seam}.ts`));
    expect(graph.get(path.join(ROOT, 'expressions.ts'))).toContain(
      path.join(ROOT, 'library/index.ts'),
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
    for (const file of files.filter((f) => f.includes(`${path.sep}library${path.sep}`)))
      expect(graph.get(file), path.relative(ROOT, file)).not.toContain(
        path.join(ROOT, 'interpreter.ts'),
      );
  });

  it('the seams reach the interpreter only through the Evaluator interface', () => {
    for (const seam of ['statements', 'branches', 'imports', 'expressions', 'objects', 'export']) {
      const imports = graph.get(path.join(ROOT, `${seam}.ts`)) ?? [];
      expect(imports, seam).not.toContain(path.join(ROOT, 'interpreter.ts'));
      expect(imports, seam).toContain(path.join(ROOT, 'evaluator.ts'));
    }
  });
});
