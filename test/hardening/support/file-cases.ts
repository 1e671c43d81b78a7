import { randomInt } from 'node:crypto';

/** A credential generated at run time, from the alphabet compose secrets use. */
export function generatedSecret(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export const secret = generatedSecret();
export const longKey = generatedSecret(60);
