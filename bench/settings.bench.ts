/**
 * Settings evaluator benchmark: `npx tsx bench/settings.bench.ts [iterations]`.
 *
 * Evaluates a cookiecutter-django-like split settings package (base + production, ~500 lines)
 * after warm-up, and measures in the same run a baseline (reading the same files from disk,
 * JSON.parse of an equally sized string, a split('\n') pass) so the figures can be compared
 * across machines as ratios.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryRepoFiles } from '../src/core/repo-files';
import { evaluateSettingsModule } from '../src/settings/eval/index';
import { parsePython } from '../src/settings/python/parse';
import {
  cookiecutterProductionEnv,
  cookiecutterSettings,
} from '../test/settings/eval/fixtures/cookiecutter';

const iterations = Number(process.argv[2] ?? 200);
const warmup = Math.max(20, Math.floor(iterations / 5));

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../test/settings/eval/fixtures');
const fixtureFiles = ['cookiecutter-base.py.txt', 'cookiecutter-production.py.txt'].map((f) =>
  join(fixtureDir, f),
);
const settingsFiles = cookiecutterSettings();
const sources = [
  settingsFiles['config/settings/base.py']!,
  settingsFiles['config/settings/production.py']!,
];
const totalBytes = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
const totalLines = sources.reduce((n, s) => n + s.split('\n').length, 0);

/** Median of `runs` timings of fn (ms). */
function time(fn: () => void, runs: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

let sink = 0;

const evaluateMs = time(() => {
  const snapshot = evaluateSettingsModule({
    module: 'config.settings.production',
    pythonPaths: [''],
    env: cookiecutterProductionEnv,
    files: memoryRepoFiles(settingsFiles),
  });
  sink += snapshot.settings.size;
}, iterations);

const parseMs = time(() => {
  for (const s of sources) sink += parsePython(s, 'x.py').tree.length;
}, iterations);

const jsonText = JSON.stringify({ lines: sources.join('\n').split('\n') });
const readMs = time(() => {
  for (const f of fixtureFiles) sink += readFileSync(f, 'utf8').length;
}, iterations);
const jsonMs = time(() => {
  sink += (JSON.parse(jsonText) as { lines: string[] }).lines.length;
}, iterations);
const splitMs = time(() => {
  for (const s of sources) sink += s.split('\n').length;
}, iterations);
const baselineMs = readMs + jsonMs;

const mbPerSec = (ms: number) => totalBytes / 1e6 / (ms / 1000);
const rows: [string, string, string][] = [
  [
    'evaluate settings module (parse + interpret)',
    `${evaluateMs.toFixed(2)} ms`,
    `${(evaluateMs / baselineMs).toFixed(1)}x baseline`,
  ],
  ['parse only (lezer)', `${parseMs.toFixed(2)} ms`, `${mbPerSec(parseMs).toFixed(2)} MB/s`],
  ['baseline: read files from disk', `${readMs.toFixed(3)} ms`, ''],
  [
    'baseline: JSON.parse equal-sized text',
    `${jsonMs.toFixed(3)} ms`,
    `${mbPerSec(jsonMs).toFixed(1)} MB/s`,
  ],
  [
    "baseline: split('\\n') pass",
    `${splitMs.toFixed(3)} ms`,
    `${mbPerSec(splitMs).toFixed(1)} MB/s`,
  ],
];

const width = [
  Math.max(...rows.map((r) => r[0].length)),
  Math.max(...rows.map((r) => r[1].length)),
];
console.log(
  `settings evaluator benchmark: ${sources.length} files, ${totalLines} lines, ${(totalBytes / 1024).toFixed(1)} KiB; ` +
    `median of ${iterations} runs after ${warmup} warm-up runs; node ${process.version}`,
);
for (const [a, b, c] of rows)
  console.log(`  ${a.padEnd(width[0]!)}  ${b.padStart(width[1]!)}  ${c}`);
console.log(
  `  target < 20 ms per settings module: ${evaluateMs < 20 ? 'met' : 'NOT met'} ` +
    `(parsing is ${((parseMs / evaluateMs) * 100).toFixed(0)}% of it)`,
);
if (sink === -1) console.log(sink);
