/**
 * random, secrets and string: characters drawn by `random.SystemRandom().choice(...)`,
 * `secrets.choice(...)` or `random.choices(..., k=n)` are modelled as distinct characters of the
 * pool (a random draw of 50 from string.printable is a strong key, as Django's W009 sees it) and
 * marked generated, like get_random_secret_key().
 */
import type { PyValue } from '../../value';
import { unknown } from '../../value';
import type { Args, Host } from '../host';
import { codePoints, strValue, opaque } from '../ops';
import { argAt } from './args';
import type { LibraryModel } from './model';

const STRING_CONSTANTS: Record<string, string> = {
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  whitespace: ' \t\n\r\x0b\x0c',
  printable:
    '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c',
};

/** How many characters each evaluation has drawn (so successive draws differ). */
const draws = new WeakMap<Host, number>();

/** One modelled random draw from `pool` (a str or a sequence of str), marked generated. */
function draw(it: Host, pool: PyValue | undefined, generator: string): PyValue {
  const items =
    pool?.kind === 'str'
      ? codePoints(pool.value)
      : pool && (pool.kind === 'list' || pool.kind === 'tuple')
        ? pool.items.map((i) => (i.kind === 'str' ? i.value : undefined))
        : undefined;
  if (!items || items.length === 0 || items.some((i) => i === undefined))
    return unknown(`${generator} from a pool that is not known`);
  const n = draws.get(it) ?? 0;
  draws.set(it, n + 1);
  const value = strValue(items[n % items.length]!);
  it.generated.set(value, generator);
  return value;
}

function drawMany(it: Host, args: Args, generator: string): PyValue {
  const k = args.kw.get('k');
  const count = k?.kind === 'int' ? Number(k.value) : 1;
  if (count > it.limits.maxCollectionSize) return unknown(`${generator} with k=${count}`);
  return {
    kind: 'list',
    items: Array.from({ length: count }, () => draw(it, argAt(args, 0, 'population'), generator)),
  };
}

export const randomModel: LibraryModel = {
  name: 'random, secrets and string',
  modules: ['random', 'string'],
  call(it, path, args) {
    switch (path) {
      case 'random.SystemRandom':
      case 'random.Random':
        return opaque('SystemRandom', { tag: 'external', path: 'random.SystemRandom()' });
      case 'random.choice':
      case 'random.SystemRandom().choice':
        return draw(it, argAt(args, 0, 'seq'), `${path}()`);
      case 'random.choices':
      case 'random.SystemRandom().choices':
        return drawMany(it, args, `${path}()`);
    }
    return undefined;
  },
  attribute(_it, path, name) {
    if (path !== 'string') return undefined;
    const value = STRING_CONSTANTS[name];
    return value === undefined ? undefined : strValue(value);
  },
};

/** `secrets.choice(seq)`: the same modelled draw (secrets' other calls are in django.ts). */
export function secretsChoice(it: Host, args: Args): PyValue {
  return draw(it, argAt(args, 0, 'seq'), 'secrets.choice()');
}
