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

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

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
    const simple = SIMPLE_ESCAPES[next];
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
  } else if (t === 'f' || t === 'F' || t === '%') {
    const n = Number(abs) * (t === '%' ? 100 : 1);
    body = n.toFixed(spec.precision ?? 6) + (t === '%' ? '%' : '');
  } else if (t === 'e' || t === 'E') {
    body = Number(abs)
      .toExponential(spec.precision ?? 6)
      .replace(/e([+-])(\d)$/, 'e$10$2');
    if (t === 'E') body = body.toUpperCase();
  } else if (t === '' && !isInt) {
    body =
      spec.precision !== undefined
        ? String(Number(Number(abs).toPrecision(Math.max(spec.precision, 1))))
        : Number.isInteger(abs)
          ? `${Number(abs)}.0`
          : String(abs);
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
