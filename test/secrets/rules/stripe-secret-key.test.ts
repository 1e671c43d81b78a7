import { stripeSecretKey } from '../../../src/secrets/rules/stripe-secret-key';
import { testSecretRule } from '../../helpers/rule-tester';
import { seededRandom, TOKEN_SURROUNDINGS } from './scan-helpers';

testSecretRule(stripeSecretKey, {
  random: seededRandom(),
  valid: [
    {
      path: 'mysite/settings.py',
      content: 'STRIPE_PUBLISHABLE_KEY = "pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv"\n',
    },
    {
      path: 'mysite/settings.py',
      content: 'STRIPE_SECRET_KEY = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"\n',
    },
    { path: 'mysite/settings.py', content: 'STRIPE_SECRET_KEY = "sk_live_..."\n' },
  ],
  invalid: [
    { kind: 'stripe-live-key', places: TOKEN_SURROUNDINGS, runs: 50 },
    // A test-mode key moves no money.
    { kind: 'stripe-test-key', places: TOKEN_SURROUNDINGS, runs: 50, severity: 'low' },
  ],
});
