import { isAscii, isUtf8 } from 'node:buffer';

/**
 * Turns blob bytes into text the detectors can read. Pure.
 *
 * Binary means not decodable as text, decided on the first 8000 bytes (git's own sample,
 * `buffer_is_binary`, xdiff-interface.c, FIRST_FEW_BYTES = 8000): a UTF-16 byte-order mark means
 * UTF-16 text (decoded as such, NULs and all); otherwise more than MAX_STRAY_NULS NUL bytes means
 * binary. Git's rule (one NUL is binary) let a single NUL hide a script holding a key.
 * Text: strict UTF-8 first; bytes that aren't valid UTF-8 are read as Latin-1, so a settings file
 * saved in ISO-8859-1 is still scanned (every byte maps to one code point, line breaks stay put).
 */
const FIRST_FEW_BYTES = 8000;
/** NUL bytes tolerated in the sample of a text file (a stray `\0` pasted into a comment). */
const MAX_STRAY_NULS = 4;

/**
 * Files (tree) and blobs (history) larger than this are read up to it; the rest is not scanned.
 * Documented in the README.
 */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');

/** True for bytes that start with a UTF-16 byte-order mark (their ASCII is not contiguous). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return utf16Order(bytes) !== undefined;
}

/** The UTF-16 byte order a byte-order mark announces, if any. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function isBinaryContent(bytes: Uint8Array): boolean {
  if (utf16Order(bytes) !== undefined) return false;
  // A Buffer view (no copy): its indexOf is memchr, ~30x faster than a loop over the bytes,
  // which showed up in history scans that test every blob.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, FIRST_FEW_BYTES));
  let nuls = 0;
  for (let at = head.indexOf(0); at !== -1; at = head.indexOf(0, at + 1))
    if (++nuls > MAX_STRAY_NULS) return true;
  return false;
}

/** Decoded text, or undefined for binary content. */
export function decodeBlob(bytes: Uint8Array, truncated = false): string | undefined {
  if (isBinaryContent(bytes)) return undefined;
  const order = utf16Order(bytes);
  if (order !== undefined) {
    // A cut at the size limit may split a code unit: drop the odd byte. The BOM is not text.
    const whole = truncated ? bytes.subarray(0, bytes.length - (bytes.length % 2)) : bytes;
    return new TextDecoder(order, { ignoreBOM: false }).decode(whole);
  }
  // Most source is ASCII, which every decoder here maps byte for byte: a native ASCII check and
  // a Latin-1 copy (the same string) cost less than UTF-8 validation and decoding.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isAscii(view)) return view.toString('latin1');
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

/**
 * Whether `decodeBlob` reads these (whole, untruncated) bytes as UTF-8 with nothing dropped: valid
 * UTF-8, no byte-order mark. Any slice of such bytes cut at line breaks then decodes, with
 * `decodeUtf8Slice`, to exactly the characters `decodeBlob` gives for that part of the whole.
 */
export function isPlainUtf8(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  if (utf16Order(bytes) !== undefined) return false;
  return isUtf8(bytes);
}

/** A slice of `isPlainUtf8` bytes (cut at line breaks) as text; undefined if it isn't UTF-8. */
export function decodeUtf8Slice(bytes: Uint8Array): string | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isAscii(view)) return view.toString('latin1');
  return isUtf8(view) ? view.toString('utf8') : undefined;
}
