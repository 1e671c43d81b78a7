/**
 * Turns blob bytes into text the detectors can read. Pure.
 *
 * Binary: a NUL byte in the first 8000 bytes, the same heuristic git itself uses
 * (`buffer_is_binary`, xdiff-interface.c, FIRST_FEW_BYTES = 8000).
 * Text: strict UTF-8 first; bytes that aren't valid UTF-8 are read as Latin-1, so a settings file
 * saved in ISO-8859-1 is still scanned (every byte maps to one code point, line breaks stay put).
 */
const FIRST_FEW_BYTES = 8000;

/**
 * Files (tree) and blobs (history) larger than this are read up to it; the rest is not scanned.
 * Documented in the README.
 */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');

export function isBinaryContent(bytes: Uint8Array): boolean {
  // A Buffer view (no copy): its indexOf is memchr, ~30x faster than a loop over the bytes,
  // which showed up in history scans that test every blob.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, FIRST_FEW_BYTES));
  return head.indexOf(0) !== -1;
}

/** Decoded text, or undefined for binary content. */
export function decodeBlob(bytes: Uint8Array, truncated = false): string | undefined {
  if (isBinaryContent(bytes)) return undefined;
  try {
    // A cut at the size limit may split a multi-byte character: decode in streaming mode so the
    // dangling bytes are dropped instead of failing the whole blob over to Latin-1.
    return truncated ? utf8.decode(bytes, { stream: true }) : utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  } finally {
    if (truncated) {
      // Reset the streaming decoder's state for the next blob.
      try {
        utf8.decode();
      } catch {
        // Dangling partial character: dropped on purpose.
      }
    }
  }
}
