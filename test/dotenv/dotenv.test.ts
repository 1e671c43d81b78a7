/**
 * What each dialect makes of the cases the issue names. The values are the real libraries'
 * (the same texts are in the differential test, test/dotenv/dotenv-oracle.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  dotenvValues,
  parseDotenv,
  parseEnvAssignments,
  type DotenvDialect,
  type DotenvOptions,
} from '../../src/dotenv';
import { HAND_WRITTEN } from './hand-written';

const values = (text: string, dialect: DotenvDialect, options?: DotenvOptions) =>
  Object.fromEntries(dotenvValues(parseDotenv(text, dialect, options)));

describe('SECURE_SSL_REDIRECT=True # on', () => {
  it.each([
    ['python-dotenv', {}, 'True'],
    ['docker-compose', {}, 'True'],
    ['inputs', {}, 'True'],
    ['django-environ', {}, 'True # on'],
    ['django-environ', { parseComments: true }, 'True '],
    ['python-decouple', {}, 'True # on'],
  ] as const)('%s %j reads %j', (dialect, options, expected) => {
    expect(values(HAND_WRITTEN.inlineComment!, dialect, options).SECURE_SSL_REDIRECT).toBe(
      expected,
    );
  });
});

describe('a multi-line quoted value', () => {
  it('is read whole by python-dotenv, on the line of its key', () => {
    const parsed = parseDotenv(HAND_WRITTEN.multiline!, 'python-dotenv');
    expect(parsed.entries).toEqual([
      { key: 'PRIVATE_KEY', value: '-----BEGIN KEY-----\nAAAA\n-----END KEY-----', line: 1 },
      { key: 'NEXT', value: '1', line: 4 },
    ]);
  });

  it('is cut to its first line by the line-based readers', () => {
    expect(values(HAND_WRITTEN.multiline!, 'django-environ').PRIVATE_KEY).toBe(
      '"-----BEGIN KEY-----',
    );
    expect(parseDotenv(HAND_WRITTEN.multiline!, 'django-environ').invalidLines).toEqual([2, 3]);
    expect(values(HAND_WRITTEN.multiline!, 'python-decouple').PRIVATE_KEY).toBe(
      '"-----BEGIN KEY-----',
    );
  });
});

describe('interpolation', () => {
  it('python-dotenv expands ${VAR}, single-quoted values too; inputs keep what was written', () => {
    expect(values(HAND_WRITTEN.interpolation!, 'python-dotenv')).toEqual({
      A: '1',
      B: '1-x',
      C: '1',
      D: 'spaced',
      E: '',
    });
    expect(values(HAND_WRITTEN.interpolation!, 'inputs')).toEqual({
      A: '1',
      B: '${A}-x',
      C: '${A}',
      D: 'spaced',
      E: '',
    });
  });

  it('python-dotenv: the environment wins over the file for load_dotenv (override=False)', () => {
    const environment = (name: string) => (name === 'A' ? 'outside' : undefined);
    const text = 'A=inside\nB=${A}\n';
    expect(values(text, 'python-dotenv', { environment }).B).toBe('inside');
    expect(values(text, 'python-dotenv', { environment, override: false }).B).toBe('outside');
  });

  it('docker compose: $VAR, ${VAR:-default}, $$ and a required variable', () => {
    const environment = (name: string) => ({ OUTSIDE: 'from-env' })[name];
    expect(
      values('A=$OUTSIDE\nB=${MISSING:-d}\nC=$$x\n', 'docker-compose', { environment }),
    ).toEqual({
      A: 'from-env',
      B: 'd',
      C: '$x',
    });
    expect(parseDotenv('A=${MISSING:?set it}\n', 'docker-compose').error).toBe(
      'required variable MISSING is missing a value: set it',
    );
  });
});

describe('keys', () => {
  it('python-decouple keeps `export ` in the key; the others drop it', () => {
    expect(Object.keys(values(HAND_WRITTEN.interpolation!, 'python-decouple'))).toContain(
      'export A',
    );
    expect(Object.keys(values(HAND_WRITTEN.interpolation!, 'python-dotenv'))).toContain('A');
  });

  it('docker compose reads `KEY: value` and rejects a key with a space (the whole file)', () => {
    expect(values(HAND_WRITTEN.composeStyle!, 'docker-compose')).toEqual({
      DEBUG: 'false',
      ALLOWED_HOSTS: '*',
      SECRET_KEY: '$ecret',
    });
    expect(parseDotenv('A=1\nK EY=2\n', 'docker-compose')).toEqual({
      entries: [],
      invalidLines: [2],
      error: 'line 2: key cannot contain a space',
    });
  });
});

describe('parseEnvAssignments (the env / env-file inputs)', () => {
  it('gives the pairs and the lines that are not KEY=VALUE', () => {
    expect(parseEnvAssignments('# production\nexport DEBUG=False # off\nKEY\nA="open\n')).toEqual({
      values: { DEBUG: 'False' },
      invalidLines: [3, 4],
    });
  });

  it('reads CRLF text like LF text', () => {
    expect(parseEnvAssignments(HAND_WRITTEN.crlf!).values).toEqual({
      DEBUG: 'True',
      SECRET_KEY: 'a b',
    });
  });
});
