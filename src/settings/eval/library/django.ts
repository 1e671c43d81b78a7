/** Django's get_random_secret_key()/get_random_string() and secrets.token_*: strong generated keys. */
import { unknown } from '../../value';
import { strValue } from '../ops';
import type { LibraryModel } from './model';
import { secretsChoice } from './random';
import { argAt } from './args';

/** A Django-alphabet key used for get_random_secret_key(): 50 chars, many distinct. */
// 50 distinct characters of get_random_secret_key()'s alphabet: as strong as a real one for W009.
export const GENERATED_SECRET_KEY = 'k3v#q9z!w2x@m7n$p5r%t8y^u1i&o4a*s6d(f0g)h-j+l=b_ce';

/** Django's get_random_secret_key()/get_random_string() and secrets.token_*: strong generated keys. */
export const djangoModel: LibraryModel = {
  name: 'django',
  modules: ['django', 'secrets'],
  call(it, path, args) {
    const a0 = argAt(args, 0);
    switch (path) {
      case 'secrets.choice':
        return secretsChoice(it, args);
      case 'django.core.management.utils.get_random_secret_key': {
        const v = strValue(GENERATED_SECRET_KEY);
        it.generated.set(v, 'django.core.management.utils.get_random_secret_key()');
        return v;
      }
      case 'django.utils.crypto.get_random_string':
      case 'secrets.token_urlsafe':
      case 'secrets.token_hex': {
        const n = a0?.kind === 'int' ? Number(a0.value) : 32;
        const len =
          path === 'secrets.token_hex'
            ? n * 2
            : path === 'secrets.token_urlsafe'
              ? Math.ceil((n * 4) / 3)
              : n;
        if (len > 10_000) return unknown('generated string too long');
        let s = '';
        while (s.length < len) s += GENERATED_SECRET_KEY;
        const v = strValue(s.slice(0, len));
        it.generated.set(v, `${path}()`);
        return v;
      }
    }
    return undefined;
  },
  attribute(_it, path, name) {
    if (path === 'django.conf.global_settings' && /^[A-Z_]+$/.test(name))
      return unknown(`django.conf.global_settings.${name} (Django default; version dependent)`);
    return undefined;
  },
};
