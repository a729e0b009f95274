import type { I64 } from '../vm/int64';
import { norm } from '../vm/int64';
import { IntType, T } from './types';

/** Parses an integer literal and gives it the type C11 6.4.4.1 assigns. Returns a message when unsupported. */
export function parseIntLiteral(text: string): { v: I64; t: IntType } | string {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(text);
  if (!m) {
    if (/[.eEpP]/.test(text) && !/^0[xX]/.test(text)) return `floating-point constant '${text}' is not supported (the interpreter has no floating point)`;
    return `invalid integer constant '${text}'`;
  }
  const digits = m[1] as string;
  const suffix = (m[2] as string).toLowerCase();
  let big: bigint;
  if (/^0[xX]/.test(digits) || /^0[bB]/.test(digits)) big = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) {
    if (/[89]/.test(digits)) return `invalid digit in octal constant '${text}'`;
    big = BigInt('0o' + digits.slice(1));
  } else big = BigInt(digits);
  const decimal = !/^0/.test(digits) || digits === '0';
  const unsigned = suffix.includes('u');
  const longs = (suffix.match(/l/g) ?? []).length;
  if (longs > 2 || (suffix.replace(/u/, '').replace(/ll|l/, '') !== '')) return `invalid suffix on integer constant '${text}'`;
  const candidates: IntType[] = [];
  if (longs === 0) candidates.push(...(unsigned ? [T.uint] : decimal ? [T.int] : [T.int, T.uint]));
  if (longs <= 1) candidates.push(...(unsigned ? [T.ulong] : decimal ? [T.long] : [T.long, T.ulong]));
  candidates.push(...(unsigned ? [T.ullong] : decimal ? [T.llong] : [T.llong, T.ullong]));
  for (const t of candidates) {
    const max = t.signed ? (1n << BigInt(t.size * 8 - 1)) - 1n : (1n << BigInt(t.size * 8)) - 1n;
    if (big <= max) return { v: norm(big), t };
  }
  // gcc gives such decimal constants unsigned long ("integer constant is so large that it is unsigned").
  if (big <= 0xffffffffffffffffn) return { v: norm(big), t: T.ulong };
  return `integer constant '${text}' is too large for any integer type`;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11, '?': 63, e: 27,
};

/** Decodes the body of a char or string literal (without quotes) to bytes, as UTF-8 for non-ASCII text. */
export function decodeEscapes(body: string): number[] | string {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const n = body[++i];
    if (n === undefined) return 'stray backslash at the end of a literal';
    if (n === 'x') {
      let j = i + 1;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j] as string)) j++;
      if (j === i + 1) return '\\x used with no following hex digits';
      out.push(parseInt(body.slice(i + 1, j), 16) & 0xff);
      i = j - 1;
    } else if (/[0-7]/.test(n)) {
      let j = i;
      while (j < body.length && j < i + 3 && /[0-7]/.test(body[j] as string)) j++;
      out.push(parseInt(body.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else if (n in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[n] as number);
    } else return `unknown escape sequence '\\${n}'`;
  }
  return out;
}
