import { isDotenvPath } from '../dotenv-files';
import { isScriptSourcePath } from '../named-values';
import { isSettingsShapedPath } from '../path-context';
import { defineSecretRule, LINE_SCOPE, type SecretMatch, type TextFile } from '../rule';
import { baseNameOf, createLineIndex } from '../text-lines';

/** Three base64url parts, the first two JSON objects (`eyJ` is base64 of `{"`). */
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g;

/** jwt.io's sample token, copied into countless tutorials and tests. */
const JWT_IO_SAMPLE_IAT = 1516239022;
const DOCUMENTED_PAYLOADS = new Set(['{"sub":"1234567890","name":"John Doe","iat":1516239022}']);

/**
 * Files where a JWT is configuration: settings modules and the config files that feed them. A JWT
 * in application code, a frontend bundle or an API fixture is usually a sample response.
 */
function isConfigurationPath(path: string): boolean {
  const base = baseNameOf(path);
  return (
    isSettingsShapedPath(path) ||
    isDotenvPath(path) ||
    /\.(ya?ml|toml|ini|cfg|conf|json|properties|tfvars)$/.test(base)
  );
}

/**
 * JavaScript/TypeScript source outside build output: a frontend that ships a signed token (a
 * Supabase service key in a `.tsx` component) ships it to every visitor. A sample response in a
 * test or fixture is capped by its context.
 */
function isScriptSource(path: string): boolean {
  return isScriptSourcePath(path) && !/(^|\/)(dist|build|vendor|static\/js)\//.test(path);
}

function decodeJson(part: string): unknown {
  try {
    const text = Buffer.from(part, 'base64url').toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JWTs count in configuration and script sources only. */
function ignoresPath(path: string): boolean {
  return !isConfigurationPath(path) && !isScriptSource(path);
}

export function detectJwts(file: TextFile): SecretMatch[] {
  if (ignoresPath(file.path)) return [];
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  for (const match of file.content.matchAll(JWT)) {
    const [header, payload] = match[0].split('.');
    const decodedHeader = decodeJson(header ?? '');
    if (typeof decodedHeader !== 'object' || decodedHeader === null || !('alg' in decodedHeader))
      continue;
    // An unsigned token (`alg: none`) proves nothing to a server that checks signatures.
    if (String(decodedHeader.alg).toLowerCase() === 'none') continue;
    const decodedPayload = decodeJson(payload ?? '');
    if (typeof decodedPayload !== 'object' || decodedPayload === null) continue;
    if (DOCUMENTED_PAYLOADS.has(JSON.stringify(decodedPayload))) continue;
    // jwt.io's debugger fills in `iat: 1516239022`; a token edited there is a sample (paperless-ngx's
    // chat widget sent one to a localhost demo API).
    if ('iat' in decodedPayload && decodedPayload.iat === JWT_IO_SAMPLE_IAT) continue;
    matches.push({
      line: index.lineAt(match.index),
      column: index.columnAt(match.index),
      secret: match[0],
      message: isConfigurationPath(file.path)
        ? 'signed JWT committed in configuration'
        : 'signed JWT committed in source code',
    });
  }
  return matches;
}

export const jwtCommitted = defineSecretRule({
  id: 'DDG121',
  name: 'jwt-committed',
  severity: 'high',
  fix: 'Revoke or rotate the token (or the key that signed it) and read it from the environment.',
  keywords: ['eyj'],
  detect: detectJwts,
  ignoresPath,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A signed JWT (a bearer token) is committed in settings or configuration.',
    whatItDoes:
      'Finds JSON Web Tokens (`eyJ….eyJ….…`, a JSON header with an `alg` and a JSON payload) in ' +
      'settings modules (`settings.py`, `settings/`, `config.py`) and configuration files (.env, ' +
      'YAML, TOML, INI, JSON), and in JavaScript/TypeScript source outside build output (a frontend ' +
      'ships the token to every visitor): service keys such as Supabase `service_role` keys, API ' +
      "tokens issued as JWTs. Unsigned tokens (`alg: none`) and jwt.io's sample token are ignored; " +
      'JWTs in Python application code are left alone. Nothing of the token is shown. In tests, fixtures and ' +
      'commented-out lines a hit is at most `low`.',
    whyBad:
      'A JWT is a bearer credential: whoever holds it is who the payload says, until it expires, ' +
      'and long-lived service tokens often never do. Service-role keys bypass row-level security ' +
      'and read or change every record.',
    badExample: {
      file: 'project/settings.py',
      content: ['SUPABASE_SERVICE_KEY = "{{secret:jwt}}"', ''].join('\n'),
    },
    goodExample: {
      file: 'project/settings.py',
      content: [
        'import os',
        '',
        'SUPABASE_SERVICE_KEY = os.environ["SUPABASE_SERVICE_KEY"]',
        '',
      ].join('\n'),
    },
    useInstead:
      'Read the token from the environment or a secret store; prefer short-lived tokens minted at ' +
      'runtime; rotate the signing secret (or revoke the token) when one was committed.',
    references: [
      'https://datatracker.ietf.org/doc/html/rfc7519',
      'https://supabase.com/docs/guides/api/api-keys',
    ],
  },
});
