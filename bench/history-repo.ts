/**
 * The benchmark's generated repository (used when `npm run bench:history` is given no path): a
 * deterministic history of 20,000+ commits and 100,000+ distinct blobs with branches, merges,
 * annotated tags and a few planted secrets, written with `git fast-import`. Secrets are random at
 * generation time; nothing real-looking is committed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export const GENERATOR_VERSION = 'v2';
export const COMMITS = 20_000;
const FILES_PER_COMMIT = 6;
const PATHS = 4_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'user order invoice payment account session cache queue worker report export import ' +
  'profile address product cart item price total status created updated deleted owner group ' +
  'permission token request response handler view model form serializer field value count'
).split(' ');

/** Random characters from a key alphabet: generated at run time, never committed anywhere. */
function randomKey(random: () => number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)';
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

function moduleText(random: () => number, path: string, version: number): string {
  const lines = [
    `"""${path} (revision ${version})."""`,
    'import os',
    'from django.db import models',
    '',
  ];
  const blocks = 6 + Math.floor(random() * 10);
  for (let b = 0; b < blocks; b++) {
    const name = `${WORDS[Math.floor(random() * WORDS.length)]}_${Math.floor(random() * 1000)}`;
    lines.push(`def ${name}(request, ${WORDS[b % WORDS.length]}=None):`);
    lines.push(
      `    value = ${Math.floor(random() * 100000)} + len(str(${WORDS[(b * 7) % WORDS.length]}))`,
    );
    if (random() < 0.15) lines.push(`    password = os.environ.get("DB_PASSWORD_${b}")`);
    if (random() < 0.1) lines.push(`    url = "postgres://app@db:5432/${name}"`);
    lines.push(`    return {"${name}": value, "rev": ${version}}`, '');
  }
  return lines.join('\n');
}

function pathFor(index: number): string {
  const app = `app${index % 40}`;
  const kind = ['views', 'models', 'forms', 'serializers', 'tasks', 'utils'][index % 6] ?? 'misc';
  return `src/${app}/${kind}_${Math.floor(index / 240)}.py`;
}

interface Change {
  path: string;
  text?: string;
  blobMark?: number;
}

/** Streams a fast-import script for the whole repository into `write`. */
export async function generateRepository(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  run(['init', '-q', '-b', 'main', dir]);
  const child = spawn('git', ['-C', dir, 'fast-import', '--quiet', '--done'], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((ok, fail) =>
    child.on('close', (code) =>
      code === 0 ? ok() : fail(new Error(`fast-import exited ${code}`)),
    ),
  );
  let buffered: string[] = [];
  let size = 0;
  const flush = async () => {
    const text = buffered.join('');
    buffered = [];
    size = 0;
    if (!child.stdin.write(text)) await new Promise((ok) => child.stdin.once('drain', ok));
  };
  const emit = async (text: string) => {
    buffered.push(text);
    size += text.length;
    if (size > 1 << 20) await flush();
  };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;

  const random = mulberry32(42);
  const versions = new Array<number>(PATHS).fill(0);
  let mark = 0;
  let time = Date.parse('2020-01-01T00:00:00Z') / 1000;
  let mainHead = 0;
  let commits = 0;
  const ident = (who: string) => `${who} <${who}@example.com> ${time} +0000`;

  const commit = async (
    ref: string,
    from: number,
    changes: Change[],
    message: string,
    merge?: number,
  ): Promise<number> => {
    const lines: string[] = [];
    for (const change of changes) {
      if (change.text !== undefined) {
        change.blobMark = ++mark;
        await emit(`blob\nmark :${change.blobMark}\n${data(change.text)}`);
      }
    }
    const commitMark = ++mark;
    time += 600;
    commits += 1;
    lines.push(`commit ${ref}\nmark :${commitMark}\n`);
    lines.push(`author ${ident('dev')}\ncommitter ${ident('dev')}\n${data(message)}`);
    if (from > 0) lines.push(`from :${from}\n`);
    if (merge) lines.push(`merge :${merge}\n`);
    for (const change of changes)
      lines.push(
        change.blobMark ? `M 100644 :${change.blobMark} ${change.path}\n` : `D ${change.path}\n`,
      );
    await emit(lines.join('') + '\n');
    return commitMark;
  };
  const edits = (count: number): Change[] =>
    Array.from({ length: count }, () => {
      const index = Math.floor(random() * PATHS);
      versions[index] = (versions[index] ?? 0) + 1;
      const path = pathFor(index);
      return { path, text: moduleText(random, path, versions[index] ?? 0) };
    });

  let branchNo = 0;
  while (commits < COMMITS) {
    if (commits % 60 === 30) {
      // A feature branch of 8 commits, merged back with --no-ff (or, one in ten, left unmerged).
      branchNo += 1;
      const ref = `refs/heads/feature/${branchNo}`;
      let tip = mainHead;
      const touched = new Map<string, number>();
      for (let i = 0; i < 8; i++) {
        const changes = edits(FILES_PER_COMMIT);
        tip = await commit(ref, tip, changes, `feature ${branchNo}: step ${i}`);
        for (const change of changes) touched.set(change.path, change.blobMark ?? 0);
      }
      if (branchNo % 10 !== 0) {
        mainHead = await commit(
          'refs/heads/main',
          mainHead,
          [...touched].map(([path, blobMark]) => ({ path, blobMark })),
          `Merge feature/${branchNo}`,
          tip,
        );
      }
      continue;
    }
    const changes = edits(FILES_PER_COMMIT);
    if (commits === 1000) {
      // A committed Django key, removed two commits later: only history holds it.
      changes.push({
        path: 'config/settings/production.py',
        text: `DEBUG = False\nSECRET_KEY = "${randomKey(random, 50)}"\n`,
      });
    }
    if (commits === 1002)
      changes.push({
        path: 'config/settings/production.py',
        text: 'import os\nDEBUG = False\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
      });
    if (commits === 5000)
      changes.push({
        path: '.env',
        text: `DEBUG=1\nDATABASE_URL=postgres://app:${randomKey(random, 20).replace(/[^a-z0-9]/g, 'x')}@db/app\n`,
      });
    if (commits === COMMITS - 20)
      changes.push({
        path: 'config/settings/staging.py',
        text: `SECRET_KEY = "${randomKey(random, 50)}"\n`,
      });
    mainHead = await commit('refs/heads/main', mainHead, changes, `change ${commits}`);
    if (commits % 500 === 0)
      await emit(
        `tag v${commits / 500}\nfrom :${mainHead}\ntagger ${ident('rel')}\n${data(`release ${commits / 500}`)}`,
      );
  }
  await emit('done\n');
  await flush();
  child.stdin.end();
  await done;
  run(['-C', dir, 'checkout', '-q', '-f', 'main']);
}

function run(args: string[]): string {
  const result = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}
