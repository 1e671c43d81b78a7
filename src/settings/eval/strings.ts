import { PYTHON_SIMPLE_ESCAPES } from '../../core/python-escapes';
/** Python string-literal decoding and the basic format mini-language, over plain JS strings. */

export interface LiteralParts {
  prefix: string;
  quote: string;
  body: string;
}

/** Splits `rb'''x'''` into prefix (lower-cased), quote and body, or undefined if malformed. */
export function splitStringLiteral(text: string): LiteralParts | undefined {
  const m = /^([a-zA-Z]{0,2})('''|"""|'|")/.exec(text);
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  const quote = m[2]!;
  if (text.length < prefix.length + quote.length * 2 || !text.endsWith(quote)) return undefined;
  return {
    prefix,
    quote,
    body: text.slice(prefix.length + quote.length, text.length - quote.length),
  };
}

/** Decodes backslash escapes as Python does for a non-raw literal (bytes: no \u, \U, \N). */
export function decodeEscapes(body: string, isBytes: boolean): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1]!;
    const simple = PYTHON_SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (next === '\n') {
      i++; // line continuation inside the literal
    } else if (next === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(m, 8));
      i += m.length;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (!isBytes && next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (!isBytes && next === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 2, i + 10))) {
      const cp = parseInt(body.slice(i + 2, i + 10), 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      i += 9;
    } else {
      out += ch; // unknown escapes (and \N{...}) keep the backslash, as Python does for unknowns
    }
  }
  return out;
}

/** `str.encode('utf-8')` as a byte string of code units 0–255. */
export function encodeUtf8(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
}

export interface FormatSpec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

/** Parses a format spec (`>10`, `.2f`, `,d`, `08.3f`), or undefined if it is not one. */
export function parseFormatSpec(spec: string): FormatSpec | undefined {
  const m =
    /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(
      spec,
    );
  if (!m) return undefined;
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : ''),
    sign: m[3] ?? '-',
    alternate: m[4] !== undefined,
    zero: m[5] !== undefined,
    width: m[6] ? Math.min(parseInt(m[6], 10), 10_000) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Math.min(parseInt(m[8], 10), 100) : undefined,
    type: m[9] ?? '',
  };
}

/** Pads `body` per the spec's fill/align/width (default alignment given by the caller). */
export function padFormatted(body: string, spec: FormatSpec, defaultAlign: string): string {
  const len = Array.from(body).length;
  if (spec.width <= len) return body;
  const pad = spec.width - len;
  const align = spec.align || defaultAlign;
  const fill = spec.fill;
  if (align === '<') return body + fill.repeat(pad);
  if (align === '^') return fill.repeat(pad >> 1) + body + fill.repeat(pad - (pad >> 1));
  if (align === '=' && /^[+-]/.test(body)) return body[0]! + fill.repeat(pad) + body.slice(1);
  return fill.repeat(pad) + body;
}

/**
 * round-half-even(|x| × 10^k) computed exactly from the double's binary value, as CPython's
 * float formatting does (JS `toFixed` rounds exact ties away from zero: 2.5 → "3", Python "2").
 */
function scaledRound(x: number, k: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mantissa = rawExp === 0 ? frac : frac | (1n << 52n);
  const exp2 = (rawExp === 0 ? 1 : rawExp) - 1075;
  let num = mantissa * (k >= 0 ? 10n ** BigInt(k) : 1n);
  let den = k < 0 ? 10n ** BigInt(-k) : 1n;
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  const q = num / den;
  const twice = (num % den) * 2n;
  return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
}

/** `|x|` with `digits` decimals (Python's `f` format, exact rounding). */
function fixedDigits(x: number, digits: number): string {
  const text = scaledRound(x, digits)
    .toString()
    .padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** `|x|` rounded to `significant` digits: the digit string and the decimal exponent. */
function significantDigits(x: number, significant: number): { digits: string; exp: number } {
  if (x === 0) return { digits: '0'.repeat(significant), exp: 0 };
  let exp = Number(Math.abs(x).toExponential().split('e')[1]);
  let n = scaledRound(x, significant - 1 - exp);
  if (n >= 10n ** BigInt(significant)) {
    exp++;
    n = scaledRound(x, significant - 1 - exp);
  }
  return { digits: n.toString(), exp };
}

function exponentText(mantissa: string, exp: number): string {
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function withPoint(digits: string): string {
  return digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
}

const stripZeros = (text: string): string =>
  text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;

/** Python `repr(float)` without the sign: shortest round-trip digits, exponent outside 1e-4..1e16. */
export function floatReprAbs(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return 'inf';
  if (x === 0) return '0.0';
  const [mant, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return exponentText(withPoint(digits), exp);
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  return `${whole}.${digits.slice(exp + 1) || '0'}`;
}

/** Python's `g` (and no-type-with-precision) float format of `|x|`. */
function generalFormat(x: number, precision: number, noType: boolean, alternate: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { digits, exp } = significantDigits(x, p);
  const fixedLimit = noType ? p - 1 : p;
  if (exp >= -4 && exp < fixedLimit) {
    const text = fixedDigits(x, p - 1 - exp);
    if (alternate) return text;
    const stripped = stripZeros(text);
    return noType && !stripped.includes('.') ? `${stripped}.0` : stripped;
  }
  const mantissa = withPoint(digits);
  return exponentText(alternate ? mantissa : stripZeros(mantissa), exp);
}

/** Formats a number per spec; undefined when the spec is outside the modelled subset. */
export function formatNumber(
  value: number | bigint,
  spec: FormatSpec,
  isInt: boolean,
): string | undefined {
  let body: string;
  const t = spec.type;
  const negative = typeof value === 'bigint' ? value < 0n : value < 0 || Object.is(value, -0);
  const abs = typeof value === 'bigint' ? (value < 0n ? -value : value) : Math.abs(value);
  if (t === 'd' || (t === '' && isInt) || t === 'n') {
    if (typeof abs !== 'bigint') return undefined;
    body = abs.toString();
  } else if (t === 'x' || t === 'X' || t === 'o' || t === 'b') {
    if (typeof abs !== 'bigint') return undefined;
    body = abs.toString(t === 'o' ? 8 : t === 'b' ? 2 : 16);
    if (t === 'X') body = body.toUpperCase();
    if (spec.alternate) body = `0${t}${body}`;
  } else if (!Number.isFinite(Number(abs))) {
    body = Number.isNaN(Number(abs)) ? 'nan' : 'inf';
    if ('FEG'.includes(t) && t !== '') body = body.toUpperCase();
    if (t === '%') body += '%';
  } else if (t === 'f' || t === 'F' || t === '%') {
    const n = Number(abs) * (t === '%' ? 100 : 1);
    body = fixedDigits(n, spec.precision ?? 6) + (t === '%' ? '%' : '');
  } else if (t === 'e' || t === 'E') {
    const p = spec.precision ?? 6;
    const { digits, exp } = significantDigits(Number(abs), p + 1);
    body = exponentText(withPoint(digits), exp);
    if (t === 'E') body = body.toUpperCase();
  } else if (t === 'g' || t === 'G') {
    body = generalFormat(Number(abs), spec.precision ?? 6, false, spec.alternate);
    if (t === 'G') body = body.toUpperCase();
  } else if (t === '' && !isInt) {
    body =
      spec.precision !== undefined
        ? generalFormat(Number(abs), spec.precision, true, spec.alternate)
        : floatReprAbs(Number(abs));
  } else {
    return undefined;
  }
  if (spec.grouping) {
    const [whole, frac] = body.split('.') as [string, string | undefined];
    body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, spec.grouping) + (frac ? `.${frac}` : '');
  }
  const sign = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  return padFormatted(sign + body, spec, '>');
}
