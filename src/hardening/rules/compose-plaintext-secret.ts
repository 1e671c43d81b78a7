import type { FileRule } from '../../core/file-rule';
import { isComposePath, isReference, parseCompose } from '../files';
import { scanText } from '../../secrets/detect';
import { secretRules } from '../../secrets/rules/index';
import { isPlaceholderSecret } from '../support';

/** Keys that name a credential; `*_FILE` keys hold a path to one and are fine. */
const SECRET_KEY_NAME =
  /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|(^|_)KEY$|DSN|CREDENTIALS?)/i;
/** A URL with a password: postgres://user:pass@db/app. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@/\s]+)@/i;
/** Values that say "local development", not a real credential. */
const TRIVIAL =
  /^(postgres|postgresql|mysql|password|pass|secret|dev|development|test|testing|local|example|admin|root|django|app|debug|user|guest|redis|rabbitmq|minio|minioadmin|x+|\*+|dummy|fake|none|null|true|false)$/i;

export function isPlaintextSecret(key: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const text = value.trim();
  if (text === '' || isReference(text) || /_FILE$/i.test(key)) return false;
  const credential = URL_WITH_PASSWORD.exec(text)?.[1];
  if (credential !== undefined)
    return (
      !isReference(credential) && !TRIVIAL.test(credential) && !isPlaceholderSecret(credential)
    );
  if (!SECRET_KEY_NAME.test(key)) return false;
  if (/^-?\d+(\.\d+)?$/.test(text) || TRIVIAL.test(text) || isPlaceholderSecret(text)) return false;
  // A path (a mounted secret file) is not the secret itself.
  return !/^(\/|\.\/)[\w./-]+$/.test(text);
}

export const composePlaintextSecret = {
  kind: 'file',
  id: 'DDG310',
  name: 'compose-plaintext-secret',
  severity: 'medium',
  fix: 'Move the value to an env_file kept out of git, a ${VAR} substitution, or a compose secret.',
  docs: {
    summary:
      'A docker-compose file writes a secret (SECRET/PASSWORD/TOKEN/KEY/DSN…) in plain text under environment:.',
    whatItDoes:
      "Reports services' environment: entries, in mapping or list form, whose key names a credential (SECRET, PASSWORD, TOKEN, API_KEY, …KEY, DSN, CREDENTIALS) or whose value is a URL with a password, when the value is a literal: not ${VAR}, not a *_FILE path, not a number, and not an obvious local-development value (postgres, password, dev, changeme…). Values a secret detector already reports (a Django key, a database URL with a password, a token with a known format) are left to that finding. Only the key is named, never the value. Severity medium in a production compose file (its name says prod/production, it sets a production DJANGO_SETTINGS_MODULE or loads a production env file); low elsewhere.",
    whyBad:
      'Compose files are committed and shared; a credential written there is in the repository history for good, visible to everyone with read access, and usually reused across environments. Severity medium: a real credential exposed to repository readers, often with limited reach (a database behind a private network).',
    badExample: {
      file: 'docker-compose.production.yml',
      content:
        'services:\n  django:\n    image: shop\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n      PAYMENT_API_TOKEN: "{{secret:generic-token}}"\n',
    },
    goodExample: {
      file: 'docker-compose.production.yml',
      content:
        'services:\n  django:\n    image: shop\n    env_file:\n      - ./.envs/.production/.django\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n      PAYMENT_API_TOKEN: ${PAYMENT_API_TOKEN}\n',
    },
    useInstead:
      'env_file: pointing at an uncommitted file, ${VAR} substitution from the deploy environment, or compose/swarm secrets mounted under /run/secrets.',
    references: [
      'https://docs.docker.com/compose/how-tos/use-secrets/',
      'https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/',
    ],
  },
  appliesToPath: isComposePath,
  detect(file) {
    const compose = parseCompose(file.path, file.content);
    if (!compose) return [];
    // A value a secret detector recognises (a Django key, a database URL, a known token format)
    // is already reported there, with rotation advice and history; one finding per line is enough.
    const ownedBySecretRules = new Set(scanText(file, secretRules).map((s) => s.match.line));
    return compose.env
      .filter((e) => !ownedBySecretRules.has(e.line) && isPlaintextSecret(e.key, e.value))
      .map((e) => ({
        line: e.line,
        message: `${e.key} of service ${e.service} is written in plain text in ${compose.production ? 'a production' : 'a'} compose file`,
        detail: `${e.service}:${e.key}`,
        ...(compose.production ? {} : { severity: 'low' as const }),
      }));
  },
} as const satisfies FileRule;
