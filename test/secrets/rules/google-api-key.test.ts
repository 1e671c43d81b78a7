import { googleApiKey } from '../../../src/secrets/rules/google-api-key';
import { testSecretRule } from '../../helpers/rule-tester';
import { inSettings, seededRandom } from './scan-helpers';

testSecretRule(googleApiKey, {
  random: seededRandom(),
  valid: [
    {
      path: 'shop/settings.py',
      content: 'GOOGLE_API_KEY = "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"\n',
    },
    { path: 'shop/settings.py', content: 'GOOGLE_API_KEY = "AIza-your-key"\n' },
  ],
  invalid: [
    {
      kind: 'google-api-key',
      runs: 40,
      places: [
        inSettings('GOOGLE_MAPS_API_KEY'),
        (key) => ({
          path: 'shop/templates/map.html',
          content: `{% load static %}\n<div id="map"></div>\n<script src="https://maps.googleapis.com/maps/api/js?key=${key}&callback=init"></script>\n`,
        }),
      ],
    },
  ],
});
