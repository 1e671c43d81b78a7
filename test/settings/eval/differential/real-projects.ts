/**
 * The evaluator over real public projects' settings, compared with CPython importing the same
 * module (run-settings.py; missing third-party packages stubbed, their values never compared).
 * Not part of `npm test` (the projects are not in the repository):
 *
 *   npx tsx test/settings/eval/differential/real-projects.ts <dir with the checkouts>
 *
 * where the dir holds `<owner>+<name>/` work trees (e.g. `git --git-dir=<bare> archive HEAD |
 * tar -x`). Per project: settings names CPython binds, how many the evaluator decided equal,
 * left Unknown (undecided) or got wrong, and the same for the deploy checks (our rules run on
 * CPython's values vs on the evaluator's).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { cookiecutterProductionEnv, cookiecutterSettings } from '../fixtures/cookiecutter';
import { createConfinedReader } from '../../../../src/io/confined-reader';
import { memoryRepoFiles, type RepoFiles } from '../../../../src/core/repo-files';
import { createCheckContext, runSettingsRules } from '../../../../src/settings/analyze';
import { parseDjangoVersion } from '../../../../src/settings/django-version';
import { evaluateSettingsModule } from '../../../../src/settings/eval/index';
import { djangoRules } from '../../../../src/settings/rules';
import type { SettingsSnapshot } from '../../../../src/settings/snapshot';
import type { PyValue } from '../../../../src/settings/value';
import { type Canon, differs, PYTHON } from './differential';

const ORACLE = path.join(
  process.env.HOME ?? '/root',
  '.cache/django-deploy-guard/django-oracle/5.2/usr/lib/python3/dist-packages',
);

const SECRET = 'real-projects-comparison-not-a-secret-0123456789abcdefghijklmnop';

interface Project {
  name: string;
  module: string;
  pythonPaths: string[];
  env: Record<string, string>;
  /** In-memory files instead of a checkout (cookiecutter-django's generated output). */
  files?: Record<string, string>;
}

const PROJECTS: Project[] = [
  {
    name: 'saleor+saleor',
    module: 'saleor.settings',
    pythonPaths: [''],
    env: {
      SECRET_KEY: SECRET,
      ALLOWED_HOSTS: 'shop.example.com',
      DATABASE_URL: 'postgres://u:p@db/saleor',
    },
  },
  {
    name: 'healthchecks+healthchecks',
    module: 'hc.settings',
    pythonPaths: [''],
    env: { SECRET_KEY: SECRET, ALLOWED_HOSTS: 'hc.example.com', DB: 'postgres' },
  },
  {
    name: 'django-oscar+django-oscar',
    module: 'settings',
    pythonPaths: ['sandbox', ''],
    env: { SECRET_KEY: SECRET },
  },
  {
    name: 'readthedocs+readthedocs.org',
    module: 'readthedocs.settings.docker_compose',
    pythonPaths: [''],
    env: { RTD_DJANGO_DEBUG: '', SECRET_KEY: SECRET },
  },
  {
    name: 'wagtail+bakerydemo',
    module: 'bakerydemo.settings.production',
    pythonPaths: [''],
    env: {
      DJANGO_SECRET_KEY: SECRET,
      DJANGO_ALLOWED_HOSTS: 'bakery.example.com',
      DATABASE_URL: 'postgres://u:p@db/bakery',
    },
  },
  {
    name: 'cookiecutter-django (generated)',
    module: 'config.settings.production',
    pythonPaths: [''],
    env: { ...cookiecutterProductionEnv, DJANGO_SECRET_KEY: SECRET },
    files: cookiecutterSettings(),
  },
];

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = dir === '' ? name : `${dir}/${name}`;
    if (name === 'node_modules' || name === '.git') return [];
    return statSync(path.join(root, rel)).isDirectory() ? listFiles(root, rel) : [rel];
  });
}

function fromCanon(c: Canon): PyValue {
  switch (c[0]) {
    case 'none':
      return { kind: 'none' };
    case 'bool':
      return { kind: 'bool', value: c[1] };
    case 'int':
      return { kind: 'int', value: BigInt(c[1]) };
    case 'float':
      return { kind: 'float', value: Number(c[1]) };
    case 'str':
      return { kind: 'str', value: c[1] };
    case 'bytes':
      return { kind: 'bytes', value: Buffer.from(c[1], 'hex').toString('latin1') };
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: c[0], items: c[1].map(fromCanon) };
    case 'dict':
      return { kind: 'dict', entries: c[1].map(([k, v]) => [fromCanon(k), fromCanon(v)]) };
    case 'other':
      return { kind: 'opaque', typeName: c[1] };
  }
}

function checkIds(snapshot: SettingsSnapshot, files: RepoFiles, pythonPaths: string[]) {
  const ctx = createCheckContext(snapshot, parseDjangoVersion('5.2')!, files, pythonPaths);
  const findings = runSettingsRules(ctx, djangoRules);
  return {
    decided: new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)),
    undecided: new Set(findings.filter((f) => f.severity === 'info').map((f) => f.ruleId)),
  };
}

const root = process.argv[2] ?? '/tmp/proj';
const rows: string[] = [];
for (const project of PROJECTS) {
  const dir = path.join(root, project.name);
  if (!project.files && !existsSync(dir)) {
    rows.push(`${project.name}: no checkout in ${root}`);
    continue;
  }
  const files = project.files ? memoryRepoFiles(project.files) : createConfinedReader(dir).files;
  let cpythonDir = dir;
  if (project.files) {
    cpythonDir = path.join(root, 'cookiecutter-generated');
    for (const [rel, text] of Object.entries(project.files)) {
      const file = path.join(cpythonDir, rel);
      execFileSync('mkdir', ['-p', path.dirname(file)]);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text)
        execFileSync('tee', [file], { input: text, stdio: ['pipe', 'ignore', 'inherit'] });
    }
  }
  void listFiles;
  const snapshot = evaluateSettingsModule({
    module: project.module,
    pythonPaths: project.pythonPaths,
    env: project.env,
    files,
  });
  const cpython = JSON.parse(
    execFileSync(
      PYTHON,
      [
        path.join(import.meta.dirname, 'run-settings.py'),
        cpythonDir,
        project.module,
        JSON.stringify({ ...project.env, PATH: '/usr/bin:/bin' }),
        ...project.pythonPaths.map((p) => path.join(cpythonDir, p)),
        ORACLE,
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    ),
  ) as { names?: Record<string, Canon>; raised?: string; stubbed: string[] };
  if (cpython.raised !== undefined) {
    rows.push(
      `${project.name}: CPython import failed (${cpython.raised.slice(0, 120)}); stubbed ${cpython.stubbed.join(', ')}`,
    );
    continue;
  }
  let equal = 0;
  let undecided = 0;
  const wrong: string[] = [];
  for (const [name, py] of Object.entries(cpython.names ?? {})) {
    if (py[0] === 'other') continue;
    const ev = snapshot.settings.get(name)?.value;
    if (ev === undefined) {
      wrong.push(`${name} (missing)`);
      continue;
    }
    if (ev.kind === 'unknown' || ev.kind === 'opaque') undecided++;
    else if (differs(py, ev)) {
      wrong.push(name);
      if (process.argv.includes('--verbose'))
        console.log(`  ${project.name} ${name}: ${differs(py, ev)}`);
    } else if (
      JSON.stringify(ev, (_k, x: unknown) => (typeof x === 'bigint' ? 0 : x)).match(
        /"(unknown|opaque)"/,
      )
    )
      undecided++;
    else equal++;
  }
  // Deploy checks: our rules on CPython's values (the reference) and on the evaluator's.
  const reference: SettingsSnapshot = {
    ...snapshot,
    settings: new Map(
      Object.entries(cpython.names ?? {}).map(([n, c]) => [
        n,
        { value: fromCanon(c), provenance: { file: snapshot.file, line: 1 } },
      ]),
    ),
  };
  const ref = checkIds(reference, files, project.pythonPaths);
  const ours = checkIds(snapshot, files, project.pythonPaths);
  const checkWrong = [...ours.decided].filter((id) => !ref.decided.has(id));
  const missed = [...ref.decided].filter((id) => !ours.decided.has(id) && !ours.undecided.has(id));
  rows.push(
    `${project.name}: settings ${equal} decided, ${undecided} undecided, ${wrong.length} wrong${wrong.length ? ` (${wrong.slice(0, 8).join(', ')})` : ''}; checks ${ours.decided.size} decided, ${ours.undecided.size} undecided (${[...ours.undecided].join(' ')}), ${checkWrong.length + missed.length} wrong${checkWrong.length + missed.length ? ` (${[...checkWrong, ...missed.map((m) => `missed ${m}`)].join(' ')})` : ''}; stubbed ${cpython.stubbed.length}`,
  );
}
console.log(rows.join('\n'));
