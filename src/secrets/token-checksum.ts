/**
 * The checksum GitHub and npm put in their tokens: the last 6 characters of `ghp_…`, `gho_…`,
 * `ghu_…`, `ghs_…`, `ghr_…` and `npm_…` are the CRC32 of the 30 random characters before them,
 * in base62 (`0-9A-Za-z`), left-padded with `0`. A value that passes it is a token GitHub or npm
 * issued (or a deliberate fake), not a typo, a hash or a stand-in: it keeps its severity wherever
 * it sits. https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE, as zlib's `crc32`) of an ASCII string. */
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++)
    crc = (crc >>> 8) ^ (crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base62, left-padded with `0` to `width` characters. */
export function toBase62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** True when the 36 characters after a 4-character prefix (`ghp_`, `npm_`) carry a valid checksum. */
export function hasValidTokenChecksum(token: string): boolean {
  const body = token.slice(4);
  if (body.length !== 36) return false;
  return toBase62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
