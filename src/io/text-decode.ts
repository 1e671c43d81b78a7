/** Bytes to text the way the scanners need it: binary detected, UTF-8 first, Latin-1 fallback. */

/** Files and blobs larger than this are read up to it (documented in the README). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Decodes UTF-8, falling back to Latin-1 so that a settings file saved in a legacy encoding is
 * still scanned (every byte maps to a character, so ASCII keys keep their positions). A cut in the
 * middle of a multi-byte character (from the size limit) is tolerated by dropping the tail.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = latin1.decode(bytes);
    // A truncated UTF-8 tail would make an otherwise valid file look like Latin-1.
    for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
      try {
        text = utf8.decode(bytes.subarray(0, bytes.length - cut));
        break;
      } catch {
        /* keep Latin-1 */
      }
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
