import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/report/escape';
import {
  escapedForms,
  isSecretLike,
  isSecretShapedPiece,
  REDACTED,
  Redactor,
} from '../../src/core/redactor';
import {
  DJANGO_KEY_ALPHABET,
  mulberry32,
  randomString,
  testSeed,
} from '../helpers/secret-generators';

const random = mulberry32(testSeed());
const djangoKey = () => randomString(DJANGO_KEY_ALPHABET, 50, random);

/** Every form a leak can take: raw, lower-cased, markdown-, JSON- and percent-encoded. */
function leakForms(value: string): string[] {
  return [
    value,
    value.toLowerCase(),
    escapeMarkdown(value),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
  ];
}

describe('isSecretLike', () => {
  it('rejects words and short tokens that masking would blank from the whole log', () => {
    for (const word of ['DDG106', 'critical', 'rotate', 'True', 'production', 'postgres'])
      expect(isSecretLike(word), word).toBe(false);
    expect(isSecretLike('aaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });
  it('accepts keys, tokens and mixed passwords', () => {
    expect(isSecretLike(djangoKey())).toBe(true);
    expect(isSecretLike('hunter2hunter2')).toBe(true);
    expect(isSecretLike(randomBytes(20).toString('hex'))).toBe(true);
    expect(isSecretLike('Kx7fQ2mZ@Wd9pL3vRtY8sN')).toBe(true);
  });
});

describe('Redactor', () => {
  it('is a no-op with nothing registered', () => {
    expect(new Redactor().redact('anything at all')).toBe('anything at all');
  });

  it('replaces a value in raw, lower-cased and every escaped form', () => {
    for (let n = 0; n < 50; n++) {
      const key = djangoKey();
      const redactor = new Redactor();
      expect(redactor.add(key)).toBe(true);
      for (const form of leakForms(key)) {
        const out = redactor.redact(`before ${form} after`);
        expect(out, form).toContain(REDACTED);
        expect(out.startsWith('before ')).toBe(true);
        expect(out.endsWith(' after')).toBe(true);
        expect(out).not.toContain(form);
      }
    }
  });

  it('replaces every secret-shaped 9-character piece of a value, in every form', () => {
    for (let n = 0; n < 20; n++) {
      const key = djangoKey();
      const redactor = new Redactor();
      redactor.add(key);
      for (let i = 0; i + 9 <= key.length; i++) {
        const piece = key.slice(i, i + 9);
        // Only pieces that are themselves secret-shaped are redacted (a run of letters with one
        // digit, `ab_cdef1g`, is ordinary text too: `ec2-instance`, `route53domains`).
        for (const form of leakForms(piece)) {
          const windows = Array.from({ length: form.length - 7 }, (_, at) =>
            form.slice(at, at + 8),
          );
          if (!windows.some(isSecretShapedPiece)) continue;
          const out = redactor.redact(`x ${form} y`);
          expect(out, `${piece} as ${form}`).not.toContain(form);
        }
      }
    }
  });

  it('leaves ordinary words alone even when a secret contains them', () => {
    const redactor = new Redactor();
    redactor.add('mypassword-postgres-insecure-Z9');
    const text = 'EMAIL_HOST_PASSWORD uses postgres; insecure default';
    expect(redactor.redact(text)).toBe(text);
  });

  it('never registers short or ordinary values', () => {
    const redactor = new Redactor();
    for (const word of ['DDG106', 'critical', 'True', '']) expect(redactor.add(word)).toBe(false);
    expect(redactor.size).toBe(0);
    expect(redactor.maskable()).toEqual([]);
  });

  it('matches whole values only when asked not to match pieces', () => {
    const url = `postgres://user:${randomBytes(8).toString('hex')}@db.example.com/app`;
    const redactor = new Redactor();
    redactor.add(url, { pieces: false });
    expect(redactor.redact(`url=${url}`)).toBe(`url=${REDACTED}`);
    expect(redactor.redact('postgres://other@db.example.com/app')).toBe(
      'postgres://other@db.example.com/app',
    );
  });

  it('redacts strings and keys deep inside objects', () => {
    const key = djangoKey();
    const redactor = new Redactor();
    redactor.add(key);
    const out = redactor.redactDeep({ a: [key, { [key]: `x${key}y` }], n: 1, b: true });
    expect(JSON.stringify(out)).not.toContain(key);
    expect(out.n).toBe(1);
  });

  it('knows the markdown form the renderers write (kept in step with report/escape.ts)', () => {
    const value = 'a_b*c[d]e<f>g|h!i~j#k@l&m://n`o\\p';
    expect(escapedForms(value)).toContain(escapeMarkdown(value));
  });
});
