import { isCredentialName, urlPasswordsIn } from '../core/secret-names';
import type { SettingsSnapshot } from './snapshot';
import type { PyValue } from './value';

/**
 * The values in evaluated settings that are secrets, for the run's redactor: settings named like
 * credentials (`SECRET_KEY`, `SECRET_KEY_FALLBACKS`, `EMAIL_HOST_PASSWORD`, `DATABASES[…]
 * ['PASSWORD']`, `*_TOKEN`, …), passwords inside URLs anywhere in the settings, and the defaults
 * the code writes for credential env variables (`env('DJANGO_SECRET_KEY', default='…')`), which a
 * message about that default would otherwise quote. Pure.
 */
export function secretValuesOfSnapshot(snapshot: SettingsSnapshot): string[] {
  const found = new Set<string>();
  for (const [name, setting] of snapshot.settings) {
    collect(setting.value, isCredentialName(name), found, 0);
    const defaultText = setting.provenance?.defaultText;
    if (defaultText !== undefined && isCredentialName(name))
      for (const literal of stringLiteralsOf(defaultText)) found.add(literal);
  }
  for (const read of snapshot.envReads) {
    if (read.defaultText === undefined || !isCredentialName(read.name)) continue;
    for (const literal of stringLiteralsOf(read.defaultText)) found.add(literal);
  }
  return [...found];
}

const MAX_DEPTH = 8;

function collect(value: PyValue, secret: boolean, found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (value.kind) {
    case 'str':
    case 'bytes':
      if (secret) found.add(value.value);
      for (const password of urlPasswordsIn(value.value)) found.add(password);
      return;
    case 'list':
    case 'tuple':
    case 'set':
      for (const item of value.items) collect(item, secret, found, depth + 1);
      return;
    case 'dict':
      for (const [key, inner] of value.entries) {
        const keyIsSecret = key.kind === 'str' && isCredentialName(key.value);
        collect(inner, secret || keyIsSecret, found, depth + 1);
      }
      return;
    default:
      return;
  }
}

/** String literals in a piece of Python source (a default written in the code). */
export function stringLiteralsOf(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(/[rRbBuU]{0,2}("""|'''|"|')((?:\\.|(?!\1)[^\\])*)\1/gs)) {
    const body = match[2] ?? '';
    if (body !== '') out.push(body);
  }
  return out;
}
