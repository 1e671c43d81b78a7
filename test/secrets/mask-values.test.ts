import { describe, expect, it } from 'vitest';
import { runSecretRules, valuesToMask } from '../../src/secrets/detect';
import { secretRules } from '../../src/secrets/rules';
import { generateSecret } from '../helpers/secret-generators';

describe('values to mask', () => {
  it('a committed .env masks its secret values, never its key names', () => {
    const token = generateSecret('generic-token');
    const password = generateSecret('db-password');
    const raws = runSecretRules(
      { path: '.env', content: `DEBUG=False\nAPI_TOKEN=${token}\nDB_PASSWORD=${password}\n` },
      secretRules,
    );
    const dotenv = raws.filter((r) => r.rule.id === 'DDG102');
    expect(dotenv).toHaveLength(1);
    const masked = valuesToMask(dotenv[0]!);
    expect(masked).toEqual(expect.arrayContaining([token, password]));
    expect(masked).not.toContain('API_TOKEN');
    expect(masked.join('\n')).not.toContain('DB_PASSWORD');
  });

  it('a .env with nothing secret-looking masks nothing', () => {
    const raws = runSecretRules(
      { path: '.env', content: 'DEBUG=False\nTIME_ZONE=UTC\n' },
      secretRules,
    );
    expect(raws.map((r) => r.rule.id)).toEqual(['DDG102']);
    expect(valuesToMask(raws[0]!)).toEqual([]);
  });

  it('other detectors mask the secret itself', () => {
    const key = generateSecret('django-key');
    const raws = runSecretRules(
      { path: 'app/settings.py', content: `SECRET_KEY = '${key}'\n` },
      secretRules,
    );
    expect(raws.map((r) => valuesToMask(r))).toEqual([[key]]);
  });
});
