import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePython } from '../../../src/settings/python/parse';

/**
 * Parser conformance with CPython: every `.py` of the standard library Debian's python3 ships
 * parses without a syntax-error note exactly when CPython's `ast.parse` accepts it. CPython runs
 * once for the whole batch (ast-check.py).
 */

const PYTHON = '/usr/bin/python3';

function stdlibFiles(): string[] {
  const roots = readdirSync('/usr/lib')
    .filter((name) => /^python3\.\d+$/.test(name))
    .map((name) => `/usr/lib/${name}`);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !entry.isSymbolicLink()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
    }
  };
  for (const root of roots) walk(root);
  return out.sort();
}

describe('parser conformance with CPython on its standard library', () => {
  it('parses exactly the files ast.parse accepts', () => {
    const files = stdlibFiles();
    // Fail, never skip: CI has Debian's python3 and its standard library.
    expect(files.length, 'no /usr/lib/python3.*/ standard library found').toBeGreaterThan(300);
    const verdicts = JSON.parse(
      execFileSync(PYTHON, [path.join(import.meta.dirname, 'ast-check.py')], {
        input: files.join('\n'),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as Record<string, string | null>;
    const disagreements: string[] = [];
    let rejected = 0;
    for (const file of files) {
      const cpython = verdicts[file];
      if (cpython === undefined) throw new Error(`ast-check.py gave no verdict for ${file}`);
      if (cpython !== null) rejected++;
      const notes = parsePython(readFileSync(file, 'utf8'), file).diagnostics;
      if (cpython === null && notes.length > 0)
        disagreements.push(
          `${file}: CPython accepts; we say ${notes[0]!.line}: ${notes[0]!.message}`,
        );
      if (cpython !== null && notes.length === 0)
        disagreements.push(`${file}: CPython rejects (${cpython}); we accept`);
    }
    console.log(
      `stdlib conformance: ${files.length} files (${files.length - rejected} accepted, ${rejected} rejected by CPython), ${disagreements.length} disagreements`,
    );
    expect(disagreements).toEqual([]);
  });
});
