/**
 * No dependency stays declared and unused. A declared package counts as used when the repository
 * refers to it the way each kind of package is used:
 * - a module it imports or resolves (`from 'name'`, `from 'name/sub'`, `import('name')`,
 *   `require.resolve('name/…')`, a path `node_modules/name/`), or one of its platform packages
 *   (`optionalDependencies`, e.g. `@microsoft/sarif-multitool-linux`);
 * - a command it installs (its `bin`) run by package.json scripts, `.ci/run` or a workflow;
 * - `@types/x` when `x` is used as above or listed in tsconfig's `types`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifest = readJson<Manifest>('package.json');
const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });

/** Text of every source, script, test, bench and config file (no fixtures, no generated code). */
function sourceText(): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'fixtures' || name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|js|mjs|cjs)$/.test(name)) parts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of ['src', 'scripts', 'test', 'bench']) walk(dir);
  for (const file of readdirSync('.')) {
    if (/\.config\.(ts|js|mjs)$/.test(file)) parts.push(readFileSync(file, 'utf8'));
  }
  return parts.join('\n');
}

/** Commands run by npm scripts, CI and the workflows. */
function commandText(): string {
  const workflows = readdirSync('.github/workflows').map((f) =>
    readFileSync(join('.github/workflows', f), 'utf8'),
  );
  return [
    ...Object.values(manifest.scripts ?? {}),
    readFileSync('.ci/run', 'utf8'),
    ...workflows,
  ].join('\n');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function refersToModule(source: string, name: string): boolean {
  const specifier = new RegExp(
    `(\\bfrom|\\bimport|\\brequire|\\brequire\\.resolve)\\s*\\(?\\s*['"]${escape(name)}(/[^'"]*)?['"]`,
  );
  return specifier.test(source) || source.includes(`node_modules/${name}/`);
}

/** The package's own manifest; empty when it is not installed (then only its name can count). */
function manifestOf(name: string): Manifest {
  const path = join('node_modules', name, 'package.json');
  return existsSync(path) ? readJson<Manifest>(path) : {};
}

function binsOf(name: string): string[] {
  const own = manifestOf(name);
  if (typeof own.bin === 'string') return [name.replace(/^@[^/]+\//, '')];
  return Object.keys(own.bin ?? {});
}

function isUsed(name: string, source: string, commands: string, tsTypes: string[]): boolean {
  const types = /^@types\/(.+)$/.exec(name)?.[1];
  if (types !== undefined) {
    // @types/foo__bar describes @foo/bar.
    const described = types.includes('__') ? `@${types.replace('__', '/')}` : types;
    return tsTypes.includes(types) || refersToModule(source, described);
  }
  if (refersToModule(source, name)) return true;
  const own = manifestOf(name);
  if (Object.keys(own.optionalDependencies ?? {}).some((p) => refersToModule(source, p)))
    return true;
  return binsOf(name).some((bin) =>
    new RegExp(`(^|[\\s;&|(/'"\`])(npx\\s+)?${escape(bin)}(\\s|$)`, 'm').test(commands),
  );
}

describe('declared dependencies', () => {
  const source = sourceText();
  const commands = commandText();
  const tsTypes =
    readJson<{ compilerOptions?: { types?: string[] } }>('tsconfig.json').compilerOptions?.types ??
    [];

  it('are all used somewhere in src, scripts, tests or the commands CI runs', () => {
    expect(declared.filter((name) => !isUsed(name, source, commands, tsTypes))).toEqual([]);
  });

  it('the check sees an unused package (so the test above can fail)', () => {
    // Built here so that this file does not mention it as a module itself.
    const unused = ['ddg', 'never', 'installed'].join('-');
    expect(isUsed(unused, source, commands, tsTypes)).toBe(false);
    expect(isUsed(`@types/${unused}`, source, commands, tsTypes)).toBe(false);
  });

  it('none is a runtime dependency: ncc bundles everything the CLI and the action import', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});
