import { describe, expect, it } from 'vitest';
import { MAX_HITS_PER_FILE, createHitOverflow, runSecretRules } from '../../../src/secrets/detect';
import { secretRules } from '../../../src/secrets/rules';
import { SECRET_KINDS, describeSecretMarkers } from '../../../src/secrets/secret-kinds';
import {
  expandSecretMarkers,
  generateSecret,
  mulberry32,
  testSeed,
  type SecretKind,
} from '../../helpers/secret-generators';
import { reportSeedOnFailure } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);

describe('secretRules registry', () => {
  it('is sorted by id with unique ids and names', () => {
    const ids = secretRules.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(secretRules.map((rule) => rule.name)).size).toBe(ids.length);
    for (const rule of secretRules) expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('keywords are lower case (the prefilter lower-cases the content)', () => {
    for (const rule of secretRules)
      for (const keyword of rule.keywords ?? []) expect(keyword).toBe(keyword.toLowerCase());
  });

  it.each(secretRules.map((rule) => [rule.id, rule] as const))(
    '%s docs are complete and the examples behave',
    (_id, rule) => {
      const { docs } = rule;
      for (const text of [docs.summary, docs.whatItDoes, docs.whyBad, docs.useInstead, rule.fix])
        expect(text.length).toBeGreaterThan(20);
      expect(docs.references.length).toBeGreaterThan(0);
      for (const url of docs.references) expect(url).toMatch(/^https:\/\//);
      const random = mulberry32(seed);
      const bad = expandSecretMarkers(docs.badExample.content, random);
      const badHits = runSecretRules({ path: docs.badExample.file, content: bad.content }, [rule]);
      expect(badHits.length).toBeGreaterThan(0);
      const good = expandSecretMarkers(docs.goodExample.content, random);
      expect(
        runSecretRules({ path: docs.goodExample.file, content: good.content }, [rule]),
      ).toEqual([]);
      expect(describeSecretMarkers(docs.badExample.content)).not.toContain('{{secret:');
    },
  );
});

describe('every rule together', () => {
  const random = mulberry32(seed);
  const kinds = Object.keys(SECRET_KINDS) as SecretKind[];

  it('never puts a secret in a message', () => {
    for (let i = 0; i < 30; i++) {
      for (const kind of kinds) {
        const secret = generateSecret(kind, random);
        const content =
          kind === 'db-password'
            ? `DATABASE_URL = "postgres://app:${secret}@db.example.com/app"\n`
            : kind.startsWith('django')
              ? `SECRET_KEY = "${secret}"\n`
              : kind === 'aws-secret-access-key'
                ? `aws_access_key_id = ${generateSecret('aws-access-key-id', random)}\naws_secret_access_key = ${secret}\n`
                : kind === 'generic-token'
                  ? `API_TOKEN=${secret}\n`
                  : kind === 'twilio-auth-token'
                    ? `TWILIO_AUTH_TOKEN = "${secret}"\n`
                    : `VALUE = """${secret}"""\n`;
        const path = kind === 'generic-token' ? '.env' : 'mysite/settings.py';
        const hits = runSecretRules({ path, content }, secretRules);
        expect(hits.length, `${kind} (seed ${seed})`).toBeGreaterThan(0);
        for (const hit of hits) {
          expect(hit.match.message).not.toContain(secret);
          // DDG102's stand-in "secret" is the list of key names, which the message does name.
          if (hit.rule.id !== 'DDG102') expect(hit.match.message).not.toContain(hit.match.secret);
          if (hit.match.fix) expect(hit.match.fix).not.toContain(secret);
        }
      }
    }
  });

  it('runs over 1 MB of junk without pathological slowness', () => {
    const junkRandom = mulberry32(seed);
    const alphabet =
      'abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:=@/"\'#()[]{}\\-+. \n';
    const tricky = [
      'SECRET_KEY = ',
      'postgres://a:',
      '-----BEGIN PRIVATE KEY-----',
      'xoxb-',
      'ghp_',
      'sk_live_',
      'AKIA',
      'os.environ.get("SECRET_KEY", ',
      '((((((((',
      '"""',
    ];
    const parts: string[] = [];
    let size = 0;
    while (size < 1024 * 1024) {
      const part =
        junkRandom() < 0.05
          ? (tricky[Math.floor(junkRandom() * tricky.length)] ?? '')
          : (alphabet[Math.floor(junkRandom() * alphabet.length)] ?? '');
      parts.push(part);
      size += part.length;
    }
    const content = parts.join('');
    for (const path of ['mysite/settings.py', '.env']) {
      expect(() => runSecretRules({ path, content }, secretRules)).not.toThrow();
    }
    // Long lines without separators and long runs of one character.
    const lines = [
      'a'.repeat(1_000_000),
      `SECRET_KEY=${'#'.repeat(500_000)}`,
      `postgres://${'a:'.repeat(300_000)}`,
    ];
    for (const line of lines)
      expect(() => runSecretRules({ path: '.env', content: line }, secretRules)).not.toThrow();
  });

  it('stays linear on a file holding thousands of keys', () => {
    const keyRandom = mulberry32(seed);
    const keys = Array.from({ length: 5000 }, () =>
      generateSecret('django-insecure-key', keyRandom),
    );
    const content = keys.map((key) => `SECRET_KEY = "${key}"`).join('\n');
    const overflow = createHitOverflow();
    const hits = runSecretRules(
      { path: 'mysite/settings.py', content },
      secretRules,
      undefined,
      overflow,
    );
    // Past the per-file limit the hits are counted, not processed: the work stays bounded.
    expect(hits).toHaveLength(MAX_HITS_PER_FILE);
    expect(hits.at(-1)?.match.line).toBe(MAX_HITS_PER_FILE);
    expect(overflow).toEqual({
      skipped: keys.length - MAX_HITS_PER_FILE,
      paths: ['mysite/settings.py'],
    });
  });

  it('handles binary-looking and Latin-1 content without crashing', () => {
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(i % 256)).join('');
    const latin1 = 'SECRET_KEY = "caf\u00e9-cl\u00e9-\u00e0-\u00e9t\u00e9"\n# r\u00e9sum\u00e9\n';
    expect(() => runSecretRules({ path: 'image.png', content: binary }, secretRules)).not.toThrow();
    expect(() =>
      runSecretRules({ path: 'mysite/settings.py', content: binary }, secretRules),
    ).not.toThrow();
    expect(
      runSecretRules({ path: 'mysite/settings.py', content: latin1 }, secretRules).map(
        (hit) => hit.rule.id,
      ),
    ).toEqual(['DDG101']);
  });
});
