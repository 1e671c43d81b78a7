/**
 * The npm package as a user gets it: `npm pack`, install the tarball into an empty folder with no
 * network (`--offline`, a fresh cache), run its `django-deploy-guard` bin on a small project.
 * The CLI bundle needs no node_modules, so the install must not need the registry at all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { writeTree } from '../e2e/run-built';

interface PackedFile {
  path: string;
  size: number;
}
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

const work = mkdtempSync(join(tmpdir(), 'ddg-pack-'));
// The node running the tests runs the bin too (its shebang is `#!/usr/bin/env node`).
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
// npm settings for every npm call: a private, empty cache and no registry at all.
const npmEnv = {
  PATH,
  HOME: process.env.HOME ?? work,
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_offline: 'true',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: 'pipe' });
}

let packed: PackResult;
let installDir: string;

beforeAll(() => {
  if (!existsSync('dist/cli/index.js'))
    throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  const json = npm(['pack', '--json', '--pack-destination', work], resolve('.'));
  packed = (JSON.parse(json) as PackResult[])[0]!;
  installDir = join(work, 'empty-folder');
  writeTree({ 'package.json': '{ "private": true }\n' }, installDir);
  npm(['install', '--offline', '--no-save', join(work, packed.filename)], installDir);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed npm package', () => {
  it('holds the CLI bundle (and its history worker), README, LICENSE and CHANGELOG, nothing else', () => {
    // The bundle is its entry, the chunks the entry loads in the scan's process
    // (src/io/scan-process.ts), the history worker and the module-type marker.
    const bundle = readdirSync('dist/cli').map((file) => `dist/cli/${file}`);
    expect(bundle).toEqual(
      expect.arrayContaining([
        'dist/cli/history-worker.js',
        'dist/cli/index.js',
        'dist/cli/package.json',
      ]),
    );
    expect(
      bundle.filter((file) => /^dist\/cli\/\d+\.index\.js$/.test(file)).length,
    ).toBeGreaterThan(0);
    expect(packed.files.map((f) => f.path).sort()).toEqual(
      ['CHANGELOG.md', 'LICENSE', 'README.md', ...bundle, 'package.json'].sort(),
    );
  });

  it('declares no runtime dependency: everything the CLI imports is bundled', () => {
    const manifest = JSON.parse(
      readFileSync(join(installDir, 'node_modules/django-deploy-guard/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ 'django-deploy-guard': 'dist/cli/index.js' });
    // The offline install brought in exactly one package: ours.
    const installed = spawnSync('npm', ['ls', '--all', '--parseable'], {
      cwd: installDir,
      env: npmEnv,
      encoding: 'utf8',
    }).stdout.trim();
    expect(installed.split('\n').slice(1)).toEqual([
      join(installDir, 'node_modules/django-deploy-guard'),
    ]);
  });

  it('`npx django-deploy-guard scan` from the empty folder finds a planted key without printing it', () => {
    const key = generateSecret('django-key');
    const project = writeTree({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
      'shop/__init__.py': '',
      'shop/settings.py': `DEBUG = True\nALLOWED_HOSTS = ["*"]\nSECRET_KEY = "${key}"\n`,
    });
    const run = spawnSync(
      'npx',
      ['--offline', '--no-install', 'django-deploy-guard', 'scan', project, '--no-color'],
      { cwd: installDir, env: npmEnv, encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('shop/settings.py\n');
    expect(run.stdout).toMatch(/ 3:\d+ +critical DDG101 +Django SECRET_KEY literal/);
    expect(run.stdout).toMatch(/ 1 +high +security\.W018 /);
    expect(run.stdout).toMatch(/^FAILED: /m);
    expect(run.stdout).not.toContain(key);
  });

  it('the bin link runs the same bundle: --version prints the package version', () => {
    const bin = join(installDir, 'node_modules/.bin/django-deploy-guard');
    const run = spawnSync(bin, ['--version'], { env: { PATH }, encoding: 'utf8' });
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });
});
