import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/** `AIza` + 35 URL-safe base64 characters: https://cloud.google.com/docs/authentication/api-keys */
export const GOOGLE_API_KEY_PATTERN = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  { pattern: GOOGLE_API_KEY_PATTERN, minUnique: 12, describe: () => 'Google API key' },
];

export function detectGoogleApiKeys(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const googleApiKey = defineSecretRule({
  id: 'DDG110',
  name: 'google-api-key',
  severity: 'high',
  fix: 'Delete or regenerate the key in the Google Cloud console, restrict the new one (APIs, referrers or IPs) and read it from the environment.',
  keywords: ['aiza'],
  detect: detectGoogleApiKeys,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Google API key (`AIza…`) is committed.',
    whatItDoes:
      'Finds Google Cloud API keys: `AIza` followed by 35 letters, digits, `-` or `_`, in any ' +
      'file (settings such as `GOOGLE_MAPS_API_KEY`, templates that load the Maps JavaScript API, ' +
      'fixtures). Stand-ins with little variety are ignored. In tests, fixtures and commented-out ' +
      'lines a hit is at most `low`.',
    whyBad:
      'An API key bills its project for every call made with it. An unrestricted key (no API, ' +
      'referrer or IP restriction) lets anyone use Maps, Places, Translate or Gemini on the ' +
      "project's account; keys harvested from public repositories are abused within hours.",
    badExample: {
      file: 'locations/settings.py',
      content: ['GOOGLE_MAPS_API_KEY = "{{secret:google-api-key}}"', ''].join('\n'),
    },
    goodExample: {
      file: 'locations/settings.py',
      content: [
        'import os',
        '',
        'GOOGLE_MAPS_API_KEY = os.environ.get("GOOGLE_MAPS_API_KEY", "")',
        '',
      ].join('\n'),
    },
    useInstead:
      'Read the key from the environment, restrict it in the console to the APIs and the ' +
      'referrers (browser keys) or IP addresses (server keys) that use it, and regenerate any key ' +
      'that was committed.',
    references: [
      'https://cloud.google.com/docs/authentication/api-keys',
      'https://cloud.google.com/docs/authentication/api-keys-best-practices',
      'https://developers.google.com/maps/api-security-best-practices',
    ],
  },
});
