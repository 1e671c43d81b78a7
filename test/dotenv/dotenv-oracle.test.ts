/**
 * Differential test of src/dotenv/: every dialect against the real library on generated
 * `.env` texts (test/dotenv/generate.ts): python-dotenv 1.2, django-environ 0.12 and
 * python-decouple 3.6 from Debian, and docker compose 2.40's `config`. Each difference is listed
 * with its file, so a failure says which construct and which reader.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dotenvValues, parseDotenv, type DotenvParse } from '../../src/dotenv';
import { testSeed } from '../helpers/secret-generators';
import { generateDotenvTexts } from './generate';
import { HAND_WRITTEN } from './hand-written';
import {
  ORACLE_ENVIRONMENT,
  readText,
  readWithCompose,
  readWithPython,
  requireEnvOracle,
  writeCases,
  type ComposeResult,
  type PythonResults,
} from './oracle';
import { oracleStatus, titleWithOracle } from '../support/oracles';

const SEED = testSeed();
const texts = [
  ...Object.values(HAND_WRITTEN),
  ...generateDotenvTexts(SEED, 300),
  // Mostly files docker compose accepts, so its reading of values gets compared too.
  ...generateDotenvTexts(SEED + 1, 150, { broken: 0 }),
];

let dir = '';
let names: string[] = [];
let python: PythonResults;
let compose: Map<string, ComposeResult>;

// python-dotenv and compose come from the env group, django-environ and decouple from Django 5.2's.
const missing = [oracleStatus('env'), oracleStatus('django')].find((status) => !status.available);

beforeAll(() => {
  if (missing) return;
  requireEnvOracle();
  ({ dir, names } = writeCases(texts));
  python = readWithPython(dir);
  const composeRejects = new Set(
    names.filter((name) => parseDotenv(readText(dir, name), 'docker-compose').error !== undefined),
  );
  compose = readWithCompose(dir, names, composeRejects);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a Python dict of the parse holds: the last value of each key, `None` kept. */
function asDict(parse: DotenvParse): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const { key, value } of parse.entries) out[key] = value ?? null;
  return out;
}

const show = (value: unknown) => JSON.stringify(value);

function differences(check: (name: string, text: string) => string[]): string[] {
  return names.flatMap((name) =>
    check(name, readText(dir, name)).map((d) => `${name} ${show(readText(dir, name))}: ${d}`),
  );
}

describe.skipIf(missing !== undefined)(
  titleWithOracle(
    titleWithOracle(
      `.env dialects against the real readers (${texts.length} generated files, seed ${SEED})`,
      'env',
    ),
    'django',
  ),
  () => {
    it('python-dotenv: every binding, its key line and the lines it cannot parse', () => {
      const diffs = differences((name, text) => {
        const real = python.cases[name]!.bindings;
        const ours = parseDotenv(text, 'python-dotenv', { interpolate: false });
        const expected = real
          .filter(([key]) => key !== null)
          .map(([key, value, line]) => [key, value, line]);
        const got = ours.entries.map((e) => [e.key, e.value ?? null, e.line]);
        const expectedInvalid = real
          .filter(([, , , , error]) => error)
          .map(([, , , start]) => start);
        const out: string[] = [];
        if (show(got) !== show(expected)) out.push(`bindings ${show(got)} != ${show(expected)}`);
        if (show(ours.invalidLines) !== show(expectedInvalid))
          out.push(`invalid lines ${show(ours.invalidLines)} != ${show(expectedInvalid)}`);
        return out;
      });
      expect(diffs).toEqual([]);
    });

    it('python-dotenv: dotenv_values (interpolation over os.environ, file values first) and without interpolation', () => {
      const environment = (n: string) => python.environment[n];
      const diffs = differences((name, text) => {
        const real = python.cases[name]!;
        const out: string[] = [];
        const values = asDict(parseDotenv(text, 'python-dotenv', { environment }));
        if (show(values) !== show(sorted(real.dotenv)) && !sameDict(values, real.dotenv))
          out.push(`dotenv_values ${show(values)} != ${show(real.dotenv)}`);
        const raw = asDict(parseDotenv(text, 'python-dotenv', { interpolate: false }));
        if (!sameDict(raw, real.dotenvRaw))
          out.push(`interpolate=False ${show(raw)} != ${show(real.dotenvRaw)}`);
        return out;
      });
      expect(diffs).toEqual([]);
    });

    it('python-dotenv: load_dotenv resolution (os.environ first, override=False)', () => {
      const environment = (n: string) => python.environment[n];
      const diffs = differences((name, text) => {
        const real = python.cases[name]!.loadDotenv;
        const values = asDict(parseDotenv(text, 'python-dotenv', { environment, override: false }));
        return sameDict(values, real) ? [] : [`load_dotenv ${show(values)} != ${show(real)}`];
      });
      expect(diffs).toEqual([]);
    });

    it('inputs: python-dotenv without interpolation; unreadable lines and keys without = are errors', () => {
      const diffs = differences((name, text) => {
        const real = python.cases[name]!.bindings;
        const ours = parseDotenv(text, 'inputs');
        const expected = real
          .filter(([key, value]) => key !== null && value !== null)
          .map(([key, value, line]) => [key, value, line]);
        const expectedInvalid = real
          .filter(([key, value, , , error]) => error || (key !== null && value === null))
          .map(([, , line, start, error]) => (error ? start : line));
        const out: string[] = [];
        const got = ours.entries.map((e) => [e.key, e.value, e.line]);
        if (show(got) !== show(expected)) out.push(`entries ${show(got)} != ${show(expected)}`);
        if (show(ours.invalidLines) !== show(expectedInvalid))
          out.push(`invalid lines ${show(ours.invalidLines)} != ${show(expectedInvalid)}`);
        return out;
      });
      expect(diffs).toEqual([]);
    });

    it.each([false, true])(
      'django-environ read_env(parse_comments=%s): values and the lines it warns about',
      (parseComments) => {
        const diffs = differences((name, text) => {
          const real = parseComments
            ? python.cases[name]!.environComments
            : python.cases[name]!.environ;
          const ours = parseDotenv(text, 'django-environ', { parseComments });
          const out: string[] = [];
          const values = Object.fromEntries(dotenvValues(ours));
          if (!sameDict(values, real.values))
            out.push(`values ${show(values)} != ${show(real.values)}`);
          const lines = environLines(text);
          const invalid = ours.invalidLines.map((n) => lines[n - 1]);
          if (show(invalid) !== show(real.invalid))
            out.push(`invalid ${show(invalid)} != ${show(real.invalid)}`);
          return out;
        });
        expect(diffs).toEqual([]);
      },
    );

    it('python-decouple RepositoryEnv', () => {
      const diffs = differences((name, text) => {
        const real = python.cases[name]!.decouple;
        const values = Object.fromEntries(dotenvValues(parseDotenv(text, 'python-decouple')));
        return sameDict(values, real) ? [] : [`${show(values)} != ${show(real)}`];
      });
      expect(diffs).toEqual([]);
    });

    it('docker compose env_file: the environment it builds, and the files it rejects', () => {
      const environment = (n: string) => ORACLE_ENVIRONMENT[n];
      let accepted = 0;
      const diffs = differences((name, text) => {
        const real = compose.get(name)!;
        const ours = parseDotenv(text, 'docker-compose', { environment });
        if ('error' in real) {
          return ours.error !== undefined
            ? []
            : [`compose rejects it (${real.error}), we read ${show(asDict(ours))}`];
        }
        accepted += 1;
        if (ours.error !== undefined)
          return [`we reject it (${ours.error}), compose reads ${show(real.environment)}`];
        const values = Object.fromEntries(dotenvValues(ours));
        return sameDict(values, real.environment)
          ? []
          : [`${show(values)} != ${show(real.environment)}`];
      });
      expect(diffs).toEqual([]);
      // The comparison must have covered values, not only rejections.
      expect(accepted).toBeGreaterThan(100);
    });
  },
);

function sorted(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sameDict(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return show(sorted(a)) === show(sorted(b));
}

/** django-environ's lines: `open()` then `str.splitlines()`. */
function environLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- \x1c-\x1e are line boundaries to Python.
  const lines = text.replace(/\r\n?/g, '\n').split(/[\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
