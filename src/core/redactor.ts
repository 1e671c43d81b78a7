/**
 * The one redaction chokepoint. Every string that leaves the process (stdout, stderr, report files,
 * annotations, the job summary, outputs, API request bodies) passes through `Redactor.redact`,
 * which knows every secret value seen in the run and replaces it wherever it appears: whole, in
 * part, lower-cased, or in the escaped forms our renderers and encoders produce. Rules and
 * messages still try never to build such strings; this is the guarantee when one slips through.
 *
 * Pure: no I/O. Values are held in memory only, never serialised.
 */

/** What a redacted run of text is replaced with. */
export const REDACTED = '[redacted]';

/**
 * A leak of this many characters of a secret is caught (any 9-character piece of a secret contains
 * one of its 8-character grams). Shorter pieces are not: 8 random characters say little.
 */
export const GRAM_LENGTH = 8;

/** Values shorter than this are never treated as secrets: they are words, not keys. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Whether a value is shaped like a secret, for registering it with the runner's log masking
 * (`::add-mask::`) and with the redactor. Short or low-diversity values (`True`, `critical`,
 * `DDG106`, `postgres`) are not: masking them would blank ordinary words from the whole log.
 */
export function isSecretLike(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH) return false;
  if (/\s/.test(value.trim()) && value.length < 24) return false;
  const distinct = new Set(value).size;
  if (distinct < 5) return false;
  if (isWordShaped(value) || isPathShaped(value)) return false;
  const classes = characterClasses(value);
  // Long values may be one class (hex, lower-case base32); short ones need mixed characters.
  return classes >= 2 || value.length >= 16;
}

/**
 * A word in any script, written as words are: all lower case, all upper case, or capitalised
 * (`Password`, `Contraseña`, `PRODUCTION`), up to 24 letters. Masking one would blank that word
 * from the whole log; a random value of letters alone switches case inside.
 */
function isWordShaped(value: string): boolean {
  if (value.length > 24) return false;
  return /^\p{L}\p{Ll}+$/u.test(value) || /^\p{Lu}+$/u.test(value);
}

/**
 * A file path (`/srv/app/.env`, `~/.ssh/id_rsa`, `./certs/key.pem`): where a secret lives, not
 * the secret. Word segments only, after a leading `/`, `~/` or `./`.
 */
function isPathShaped(value: string): boolean {
  return /^(?:~|\.{1,2})?\/[\w.-]{1,64}(?:\/[\w.-]{0,64}){0,32}$/.test(value);
}

function characterClasses(text: string): number {
  let classes = 0;
  if (/[a-z]/.test(text)) classes++;
  if (/[A-Z]/.test(text)) classes++;
  if (/[0-9]/.test(text)) classes++;
  if (/[^A-Za-z0-9\s]/.test(text)) classes++;
  return classes;
}

/** ASCII-only lower-casing: keeps every index of the text unchanged (unlike `toLowerCase`). */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** Characters that separate the parts of paths, URLs and names: never evidence of randomness. */
const SEPARATORS = new Set([...'/.:-_@ \t']);

/** 0 lower, 1 upper, 2 digit, 3 other symbol; undefined for a separator. */
function classOf(char: string): number | undefined {
  if (SEPARATORS.has(char)) return undefined;
  if (char >= 'a' && char <= 'z') return 0;
  if (char >= 'A' && char <= 'Z') return 1;
  if (char >= '0' && char <= '9') return 2;
  return 3;
}

/**
 * A piece of a secret is redacted only when the piece itself is secret-shaped: its characters
 * switch class (lower, upper, digit, symbol; separators skipped) at least 3 times, as random
 * characters do. Pieces of ordinary text do not: `https://` (letters and separators),
 * `password`, `ec2-inst` (two switches), `route53d`, a date. So a registered value that shares
 * such a piece with the tool's own text (docs URLs, messages, library paths) never blanks it.
 */
export function isSecretShapedPiece(gram: string): boolean {
  let switches = 0;
  let previous: number | undefined;
  for (const char of gram) {
    const current = classOf(char);
    if (current === undefined) continue;
    if (previous !== undefined && current !== previous) switches++;
    previous = current;
  }
  return switches >= 3;
}

/** Markdown escaping as `report/escape.ts` does it (kept in step by a test). */
function markdownForm(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|!~#]/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/@/g, '&#64;')
    .replace(/:\/\//g, '&#58;//');
}

function jsonForm(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function percentForm(value: string): string {
  return encodeURIComponent(value);
}

/** `@actions/core` command escaping (messages and properties). */
function workflowCommandForm(value: string): string {
  return value
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}

/** The forms a value can take on its way out: raw, and as each encoder writes it. */
export function escapedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  for (const encode of [markdownForm, jsonForm, percentForm, workflowCommandForm]) {
    forms.add(encode(value));
  }
  forms.add(jsonForm(markdownForm(value)));
  return [...forms];
}

export interface RedactorOptions {
  /**
   * Also catch pieces of the value (any run of GRAM_LENGTH+ characters). Off for values whose parts
   * are ordinary text, e.g. a whole database URL (its password is registered on its own).
   */
  pieces?: boolean;
}

export class Redactor {
  /** Whole forms, lower-cased, by their first GRAM_LENGTH characters (every form is that long). */
  private readonly wholeForms = new Map<string, Set<string>>();
  /** Lower-cased distinctive grams of every form of every value registered with pieces. */
  private readonly grams = new Set<string>();
  /** Quick reject: the first two characters of some gram or whole form (lower-cased). */
  private readonly starts = new Set<number>();
  private readonly values = new Set<string>();

  /**
   * Registers a value when it is shaped like a secret; returns whether it was. Safe to call with
   * anything: short or ordinary values are ignored.
   */
  add(value: string, options: RedactorOptions = {}): boolean {
    const trimmed = value.trim();
    if (!isSecretLike(trimmed)) return false;
    const pieces = options.pieces ?? true;
    this.values.add(trimmed);
    for (const form of escapedForms(trimmed)) {
      const lower = lowerAscii(form);
      const anchor = lower.slice(0, GRAM_LENGTH);
      const forms = this.wholeForms.get(anchor) ?? new Set<string>();
      forms.add(lower);
      this.wholeForms.set(anchor, forms);
      this.starts.add(startKey(lower, 0));
      if (!pieces) continue;
      for (let i = 0; i + GRAM_LENGTH <= form.length; i++) {
        const gram = form.slice(i, i + GRAM_LENGTH);
        if (!isSecretShapedPiece(gram)) continue;
        const lowerGram = lowerAscii(gram);
        this.grams.add(lowerGram);
        this.starts.add(startKey(lowerGram, 0));
      }
    }
    return true;
  }

  addAll(values: Iterable<string>, options?: RedactorOptions): void {
    for (const value of values) this.add(value, options);
  }

  /** Registered values (for the runner's masking). Never print or serialise. */
  maskable(): string[] {
    return [...this.values];
  }

  get size(): number {
    return this.values.size;
  }

  /** Replaces every registered value, and every distinctive piece of one, with REDACTED. */
  redact(text: string): string {
    if (this.values.size === 0 || text === '') return text;
    const lower = lowerAscii(text);
    const covered = new Uint8Array(text.length);
    let any = false;
    // One pass: at each position, a whole form or a distinctive gram may start (case-insensitive).
    for (let i = 0; i + GRAM_LENGTH <= lower.length; i++) {
      if (!this.starts.has(startKey(lower, i))) continue;
      const key = lower.slice(i, i + GRAM_LENGTH);
      if (this.grams.has(key)) {
        covered.fill(1, i, i + GRAM_LENGTH);
        any = true;
      }
      const forms = this.wholeForms.get(key);
      if (forms === undefined) continue;
      for (const form of forms) {
        if (lower.startsWith(form, i)) {
          covered.fill(1, i, i + form.length);
          any = true;
        }
      }
    }
    if (!any) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      if (covered[i] === 0) {
        const next = covered.indexOf(1, i);
        const end = next === -1 ? text.length : next;
        out += text.slice(i, end);
        i = end;
      } else {
        const next = covered.indexOf(0, i);
        i = next === -1 ? text.length : next;
        out += REDACTED;
      }
    }
    return out;
  }

  /** A copy of a JSON-like value with every string (keys included) redacted. */
  redactDeep<T>(value: T): T {
    if (this.values.size === 0) return value;
    return this.redactUnknown(value) as T;
  }

  private redactUnknown(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactUnknown(item));
    if (value !== null && typeof value === 'object') {
      if (value instanceof Map)
        return new Map(
          [...value.entries()].map(([k, v]) => [this.redactUnknown(k), this.redactUnknown(v)]),
        );
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        out[this.redact(key)] = this.redactUnknown(inner);
      }
      return out;
    }
    return value;
  }
}

function startKey(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
}
