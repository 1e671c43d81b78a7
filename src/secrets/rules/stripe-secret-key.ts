import { uniqueCharCount } from '../entropy';
import { defineSecretRule, LINE_SCOPE, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';

/** Secret (`sk_`) and restricted (`rk_`) keys: https://docs.stripe.com/keys */
export const STRIPE_KEY_PATTERN =
  /(?<![A-Za-z0-9_])([sr]k)_(live|test)_([0-9A-Za-z]{24,247})(?![A-Za-z0-9_])/g;

export function detectStripeKeys(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  for (const match of file.content.matchAll(STRIPE_KEY_PATTERN)) {
    const [key, type, mode, body] = match;
    if (uniqueCharCount(body ?? '') < 10) continue;
    const live = mode === 'live';
    const what = type === 'rk' ? 'restricted key' : 'secret key';
    const found: SecretMatch = {
      line: index.lineAt(match.index),
      column: index.columnAt(match.index),
      secret: key,
      message: live ? `Stripe live ${what}` : `Stripe test-mode ${what}`,
    };
    // Test-mode keys move no money but still expose the account's test data and settings.
    if (!live) found.severity = 'low';
    // A live key's prefix is Stripe's own and proves the mode: no context makes it harmless.
    else found.validated = true;
    matches.push(found);
  }
  return matches;
}

export const stripeSecretKey = defineSecretRule({
  id: 'DDG108',
  name: 'stripe-secret-key',
  severity: 'critical',
  fix: 'Roll the key in the Stripe dashboard and read it from the environment (e.g. STRIPE_SECRET_KEY).',
  keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
  detect: detectStripeKeys,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Stripe secret or restricted key is committed.',
    whatItDoes:
      'Finds Stripe secret keys (`sk_live_`, `sk_test_`) and restricted keys (`rk_live_`, ' +
      '`rk_test_`) followed by at least 24 letters and digits. Live keys are `critical`; test-mode ' +
      'keys are `low`. Publishable keys (`pk_…`) are meant to be public and are not reported.',
    whyBad:
      'A live secret key can create charges and refunds, read customer and payment data and change ' +
      'the account. Stripe and attackers scan public code for the prefix; the key works until it ' +
      'is rolled.',
    badExample: {
      file: 'shop/settings.py',
      content: ['STRIPE_SECRET_KEY = "{{secret:stripe-live-key}}"', ''].join('\n'),
    },
    goodExample: {
      file: 'shop/settings.py',
      content: [
        'import os',
        '',
        'STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]',
        'STRIPE_PUBLISHABLE_KEY = "pk_live_0000000000000000000000000"',
        '',
      ].join('\n'),
    },
    useInstead:
      'Load the key from the environment or a secret manager; use restricted keys with the minimum ' +
      'permissions; roll any key that was committed.',
    references: [
      'https://docs.stripe.com/keys',
      'https://docs.stripe.com/keys-best-practices',
      'https://docs.stripe.com/keys#rolling-keys',
    ],
  },
});
