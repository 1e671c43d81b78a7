/**
 * The long differential run, on demand:
 *
 *   npm run test:differential -- [--count 20000] [--from 1000000] [--save]
 *
 * Generates `count` programs from seeds `from`, `from + 1`, …, runs them through CPython and the
 * evaluator in batches, prints every disagreement shrunk to a small program, and with `--save`
 * writes each one to regressions/ (the CI test runs every file there).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { generateProgram } from './generate';
import { runDifferential, shrinkDisagreement } from './differential';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const count = option('count', 20_000);
const from = option('from', 1_000_000);
const save = process.argv.includes('--save');
const batch = 500;
const started = Date.now();
let failing = 0;
let raised = 0;
let compared = 0;
let decided = 0;
for (let start = from; start < from + count; start += batch) {
  const seeds = Array.from({ length: Math.min(batch, from + count - start) }, (_, i) => start + i);
  const sources = seeds.map((seed) => generateProgram(seed).source);
  const run = runDifferential(sources);
  raised += run.raised;
  compared += run.compared;
  decided += run.decided;
  for (const outcome of run.failing) {
    failing++;
    const seed = seeds[sources.indexOf(outcome.source)]!;
    const small = shrinkDisagreement(outcome.source);
    console.log(
      `\n# seed ${seed}: ${outcome.disagreements[0]!.name}: ${outcome.disagreements[0]!.detail}\n${small}`,
    );
    if (save) {
      const dir = path.join(import.meta.dirname, 'regressions');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `seed-${seed}.py`), small);
    }
  }
}
console.log(
  `\ndifferential: ${count} programs from seed ${from}: ${failing} disagreeing, ${raised} raised in CPython (not compared); ${compared} names compared, ${decided} decided by the evaluator; ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(failing ? 1 : 0);
