import { describe, expect, it } from 'vitest';
import { jwtCommitted } from '../../../src/secrets/rules/jwt-committed';
import { testSecretRule } from '../../helpers/rule-tester';
import { generateSecret } from '../../helpers/secret-generators';
import { inDotenv, inSettings, inYaml, scanWith, seededRandom } from './scan-helpers';

const random = seededRandom();

testSecretRule(jwtCommitted, {
  random,
  valid: [
    {
      name: "jwt.io's sample token: documentation, not a credential",
      path: 'shop/settings.py',
      content:
        'JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"\n',
    },
  ],
  invalid: [
    {
      kind: 'jwt',
      runs: 40,
      places: [inSettings('SUPABASE_SERVICE_KEY'), inDotenv('SUPABASE_KEY'), inYaml('service_key')],
    },
  ],
});

describe('DDG121 jwt-committed', () => {
  it('a JWT in Python application code or a built bundle is left alone', () => {
    const token = generateSecret('jwt', random);
    expect(
      scanWith(jwtCommitted, { path: 'shop/api/client.py', content: `T = "${token}"\n` }),
    ).toEqual([]);
    expect(
      scanWith(jwtCommitted, { path: 'frontend/dist/app.js', content: `const t = "${token}";\n` }),
    ).toEqual([]);
  });

  it('a signed JWT in frontend source (.ts, .tsx) is shipped to every visitor: reported', () => {
    const token = generateSecret('jwt', random);
    for (const path of ['frontend/src/api.ts', 'frontend/src/Client.tsx'])
      expect(
        scanWith(jwtCommitted, { path, content: `const t = "${token}";\n` }).map(
          (raw) => `${raw.rule.id} ${raw.match.line} ${raw.severity} ${raw.match.message}`,
        ),
      ).toEqual(['DDG121 1 high signed JWT committed in source code']);
  });

  it("a token edited in jwt.io's debugger (its sample iat) is a sample", () => {
    const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '35634567', name: 'Someone', iat: 1516239022 })}.c2lnbmF0dXJlLWZyb20tdGhlLWRlYnVnZ2VyLXBhZ2U`;
    expect(
      scanWith(jwtCommitted, {
        path: 'src-ui/chat.component.ts',
        content: `const t = '${token}';\n`,
      }),
    ).toEqual([]);
  });

  it('an unsigned JWT (alg none) is not a credential', () => {
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"someone-1234567","role":"admin"}').toString('base64url');
    const content = `TOKEN = "${header}.${payload}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"\n`;
    expect(scanWith(jwtCommitted, { path: 'shop/settings.py', content })).toEqual([]);
  });
});
