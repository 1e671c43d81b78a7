import { describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, maskCommandFor, runBuiltAction, writeTree } from './run-built';

/**
 * `::add-mask::` blanks a value from the whole step log, so the action registers only values a
 * detector judged to be secrets: never a command that generates a key, a placeholder, a default
 * credential, a file path or an ordinary word (README, "Security model"). The built action runs
 * as the runner runs it, on a repository with all of them next to two real secrets.
 */
describe('the action masks secrets, not generators, paths or words', () => {
  it('reads the action log: only the real secrets are registered', () => {
    const key = generateSecret('django-key');
    const token = generateSecret('generic-token');
    const generator = "$(LC_ALL=C tr -dc 'a-zA-Z0-9' < /dev/urandom | head -c 50)";
    const workspace = writeTree({
      'shop/settings.py': `DEBUG = False\nSECRET_KEY = '${key}'\n`,
      'deploy/values.yaml': `billing:\n  api_token: "${token}"\n`,
      // A key generator in an install script (paperless-ngx).
      'install.sh': `#!/bin/bash\nSECRET_KEY=${generator}\nDB_PASSWORD=$(openssl rand -hex 32)\n`,
      // A placeholder, a default credential, a path and ordinary words, by credential names.
      'ansible/defaults.yml': [
        'paperless_secret_key: PLEASECHANGETHISFORTHELOVEOFGOD',
        'db_password: Contraseña',
        'admin_password: Password',
        'ssl_private_key: /etc/ssl/private/shop.key',
        'deploy_private_key: compose/keys/id_ed25519',
        '',
      ].join('\n'),
      'docker-compose.yml':
        'services:\n  db:\n    environment:\n      POSTGRES_USER: shop\n      POSTGRES_PASSWORD: postgres\n',
      'shop/tests/test_login.py': 'PASSWORD = "Kennwort"\n',
    });
    commitAll(workspace);
    const run = runBuiltAction({ workspace, inputs: { history: 'full', 'fail-on': 'never' } });
    expect(run.code).toBe(0);
    const masks = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('::add-mask::'))
      .sort();
    // The action's own github-token input is a secret too.
    expect(masks).toEqual(
      [maskCommandFor(key), maskCommandFor(token), maskCommandFor('test-token')].sort(),
    );
    // The words stay readable in the log: nothing blanks them.
    for (const text of [generator, 'Contraseña', 'Password', '/etc/ssl/private/shop.key'])
      expect(masks.join('\n')).not.toContain(text);
  });
});
