import { defineFileRule } from '../file-rule';
import { isComposePath, parseCompose } from '../deployment-files';
import { runSecretRules } from '../../secrets/detect';
import { defaultCredentialReason, judgeUrlCredentials } from '../../secrets/default-credentials';
import { isPlaceholderValue } from '../../secrets/placeholders';
import { secretRules } from '../../secrets/rules/index';
import { findUrlCredentials } from '../../secrets/url-credentials';

/** Keys that name a credential; `*_FILE` keys hold a path to one and are fine. */
const SECRET_KEY_NAME =
  /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|(^|_)KEY$|DSN|CREDENTIALS?)/i;

/**
 * A literal credential: a URL whose password is not a template, stand-in or default credential,
 * or a credential-named value that is none of those (the one placeholder and default-credential
 * judgement of src/secrets, so this rule and the secret rules agree).
 */
export function isPlaintextSecret(key: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const text = value.trim();
  if (text === '' || /_FILE$/i.test(key)) return false;
  const urls = findUrlCredentials(text);
  if (urls.length > 0) return urls.some((url) => judgeUrlCredentials(url).kind === 'secret');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return false;
  if (!SECRET_KEY_NAME.test(key)) return false;
  if (/^-?\d+(\.\d+)?$/.test(text) || /^(true|false|none|null)$/i.test(text)) return false;
  if (isPlaceholderValue(text) || defaultCredentialReason({ password: text }) !== undefined)
    return false;
  // A path (a mounted secret file) is not the secret itself.
  return !/^(\/|\.\/)[\w./-]+$/.test(text);
}

export const composePlaintextSecret = defineFileRule({
  id: 'DDG310',
  name: 'compose-plaintext-secret',
  severity: 'medium',
  fix: 'Move the value to an env_file kept out of git, a ${VAR} substitution, or a compose secret.',
  docs: {
    summary:
      'A docker-compose file writes a secret (SECRET/PASSWORD/TOKEN/KEY/DSN…) in plain text under environment:.',
    whatItDoes:
      "Reports services' environment: entries, in mapping or list form, whose key names a credential (SECRET, PASSWORD, TOKEN, API_KEY, …KEY, DSN, CREDENTIALS) or whose value is a URL with a password, when the value is a literal: not ${VAR}, not a *_FILE path, not a number, not a placeholder and not a default credential (postgres, guest, the password equal to the user…), judged by the same placeholder and default-credential functions as the secret rules. Values a secret detector already reports (a Django key, a database URL with a password, a token with a known format, a credential-named value that passes named-credential-literal's strength test) are left to that finding. Only the key is named, never the value. Severity medium in a production compose file (its name says prod/production, it sets a production DJANGO_SETTINGS_MODULE or loads a production env file); low elsewhere.",
    whyBad:
      'Compose files are committed and shared; a credential written there is in the repository history for good, visible to everyone with read access, and usually reused across environments. Severity medium: a real credential exposed to repository readers, often with limited reach (a database behind a private network).',
    badExample: {
      file: 'docker-compose.production.yml',
      content:
        'services:\n  django:\n    image: shop\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n      PAYMENT_PROVIDER_KEY: "{{secret:generic-token}}"\n',
    },
    goodExample: {
      file: 'docker-compose.production.yml',
      content:
        'services:\n  django:\n    image: shop\n    env_file:\n      - ./.envs/.production/.django\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n      PAYMENT_PROVIDER_KEY: ${PAYMENT_PROVIDER_KEY}\n',
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
    const ownedBySecretRules = new Set(runSecretRules(file, secretRules).map((s) => s.match.line));
    return compose.env
      .filter((e) => !ownedBySecretRules.has(e.line) && isPlaintextSecret(e.key, e.value))
      .map((e) => ({
        line: e.line,
        message: `${e.key} of service ${e.service} is written in plain text in ${compose.production ? 'a production' : 'a'} compose file`,
        detail: `${e.service}:${e.key}`,
        ...(compose.production ? {} : { severity: 'low' as const }),
      }));
  },
});
