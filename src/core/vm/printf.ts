// The printf engine behind the VM's printf/sprintf/snprintf builtins.
//
// It reproduces glibc 2.36 byte for byte, quirks included, because the
// simulator's output is diffed against programs compiled with gcc: the C
// corpus in test/c/ holds gcc's stdout as the expected result.

import { CFault } from './memory';

/**
 * One variadic argument after the default argument promotions.
 * `value` is the mathematical value: negative for signed negatives, up to
 * 2^64-1 for unsigned 64-bit. Values with |v| <= 2^53 may be numbers; larger
 * ones must be bigints.
 */
export type PrintfArg =
  | { kind: 'int'; value: number | bigint }
  | { kind: 'ptr'; value: number | bigint };

export interface PrintfSource {
  /** The next variadic argument, or undefined when the call supplied no more. */
  next(): PrintfArg | undefined;
  /**
   * The bytes of the NUL-terminated string at `addr`, without the NUL.
   * `maxLen` is set for `%.Ns`: C reads at most N bytes then, so a buffer
   * that is not NUL-terminated is still valid and must not be reported.
   */
  readCString(addr: number | bigint, maxLen?: number): Uint8Array;
}

export interface PrintfResult {
  /** What glibc writes, including what it wrote before failing. */
  bytes: Uint8Array;
  /** False when glibc's printf returns -1 (a format ending inside a conversion, EILSEQ from %lc). */
  ok: boolean;
}

/** The bytes glibc's printf would produce for `format` (which ends at its first NUL, if any). */
export function formatPrintf(format: Uint8Array, args: PrintfSource): Uint8Array {
  return formatPrintfResult(format, args).bytes;
}

// A simulated program could ask for a gigabyte of padding; refuse rather
// than exhaust the host's memory.
const MAX_FIELD = 1 << 24;

const CH = (s: string): number => s.charCodeAt(0);
const PERCENT = CH('%');

interface Spec {
  alt: boolean;
  group: boolean;
  showsign: boolean;
  space: boolean;
  left: boolean;
  /** glibc tracks the pad character, not a "zero flag": '-' resets it, which printf_unknown exposes. */
  padZero: boolean;
  i18n: boolean;
  width: number;
  /** -1 when absent (or given negative through `.*`). */
  prec: number;
  /** Integer width in bits selected by the length modifier (0 = none given). */
  lenBits: 0 | 8 | 16 | 64;
  /** glibc's is_long: any modifier but h/hh makes %c and %s wide. */
  isLong: boolean;
}

class Out {
  private readonly bytes: number[] = [];
  byte(b: number): void {
    this.bytes.push(b);
  }
  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.bytes.push(s.charCodeAt(i));
  }
  raw(b: Uint8Array): void {
    for (const x of b) this.bytes.push(x);
  }
  spaces(n: number): void {
    for (let i = 0; i < n; i++) this.bytes.push(0x20);
  }
  result(ok: boolean): PrintfResult {
    return { bytes: Uint8Array.from(this.bytes), ok };
  }
}

function toBigInt(a: PrintfArg | undefined): bigint {
  // The VM checks arity elsewhere; a missing argument reads as zero.
  if (a === undefined) return 0n;
  const v = a.value;
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
}

/** An `int` taken by `*`: the promoted value truncated to 32 bits, as va_arg(ap, int) would. */
function intArg(args: PrintfSource): number {
  return Number(BigInt.asIntN(32, toBigInt(args.next())));
}

function checkField(n: number): number {
  if (n > MAX_FIELD) throw new CFault('unsupported', `printf field width or precision ${n} is too large for the simulator`);
  return n;
}

export function formatPrintfResult(format: Uint8Array, args: PrintfSource): PrintfResult {
  const out = new Out();
  const end = (() => {
    const nul = format.indexOf(0);
    return nul < 0 ? format.length : nul;
  })();
  // glibc parses conversions in a fast loop until it meets an unknown
  // conversion; from then on it re-parses with its positional parser,
  // which prints an unterminated trailing conversion instead of failing.
  let slowMode = false;
  let i = 0;

  while (i < end) {
    const c = format[i]!;
    if (c !== PERCENT) {
      out.byte(c);
      i++;
      continue;
    }
    i++;
    const spec: Spec = {
      alt: false, group: false, showsign: false, space: false, left: false,
      padZero: false, i18n: false, width: 0, prec: -1, lenBits: 0, isLong: false,
    };

    for (;;) {
      const f = i < end ? String.fromCharCode(format[i]!) : '';
      if (f === '-') { spec.left = true; spec.padZero = false; }
      else if (f === '0') { if (!spec.left) spec.padZero = true; }
      else if (f === '+') spec.showsign = true;
      else if (f === ' ') spec.space = true;
      else if (f === '#') spec.alt = true;
      else if (f === "'") spec.group = true;
      else if (f === 'I') spec.i18n = true;
      else break;
      i++;
    }

    if (i < end && format[i] === CH('*')) {
      i++;
      rejectPositional(format, i, end);
      const w = intArg(args);
      // A negative `*` width means left adjustment; the pad character is kept.
      if (w < 0) spec.left = true;
      spec.width = checkField(Math.abs(w));
    } else {
      const [w, next] = readDecimal(format, i, end);
      if (next < end && format[next] === CH('$')) throw positionalError();
      spec.width = checkField(w);
      i = next;
    }

    if (i < end && format[i] === CH('.')) {
      i++;
      if (i < end && format[i] === CH('*')) {
        i++;
        rejectPositional(format, i, end);
        const p = intArg(args);
        spec.prec = p < 0 ? -1 : checkField(p);
      } else {
        const [p, next] = readDecimal(format, i, end);
        spec.prec = checkField(p);
        i = next;
      }
    }

    i = readLength(format, i, end, spec);

    if (i >= end) {
      // The format ended inside a conversion.
      if (!slowMode) return out.result(false);
      printUnknown(out, spec, '');
      break;
    }
    const conv = String.fromCharCode(format[i]!);
    i++;

    switch (conv) {
      case '%':
        out.byte(PERCENT);
        break;
      case 'd': case 'i':
        formatInteger(out, spec, toBigInt(args.next()), 10, true, false);
        break;
      case 'u':
        formatInteger(out, spec, toBigInt(args.next()), 10, false, false);
        break;
      case 'o':
        formatInteger(out, spec, toBigInt(args.next()), 8, false, false);
        break;
      case 'x':
        formatInteger(out, spec, toBigInt(args.next()), 16, false, false);
        break;
      case 'X':
        formatInteger(out, spec, toBigInt(args.next()), 16, false, true);
        break;
      case 'b':
        formatInteger(out, spec, toBigInt(args.next()), 2, false, false);
        break;
      case 'B':
        formatInteger(out, spec, toBigInt(args.next()), 2, false, true);
        break;
      case 'p':
        formatPointer(out, spec, toBigInt(args.next()));
        break;
      case 'c':
      case 'C': {
        const v = toBigInt(args.next());
        if (spec.isLong || conv === 'C') {
          // wint_t through wcrtomb in the C locale: only ASCII converts.
          const wc = BigInt.asUintN(32, v);
          if (wc >= 0x80n) return out.result(false);
          padded(out, spec, Uint8Array.of(Number(wc)));
        } else {
          padded(out, spec, Uint8Array.of(Number(BigInt.asUintN(8, v))));
        }
        break;
      }
      case 's':
      case 'S': {
        if (spec.isLong || conv === 'S') {
          throw new CFault('unsupported', `wide string printf conversion %${spec.isLong ? 'l' : ''}${conv} is not supported`);
        }
        const addr = toBigInt(args.next());
        if (addr === 0n) {
          // glibc prints "(null)" only when the precision leaves room for all of it.
          padded(out, spec, spec.prec === -1 || spec.prec >= 6 ? ascii('(null)') : new Uint8Array(0));
        } else {
          const s = spec.prec >= 0 ? args.readCString(addr, spec.prec) : args.readCString(addr);
          padded(out, spec, spec.prec >= 0 && s.length > spec.prec ? s.subarray(0, spec.prec) : s);
        }
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
        throw new CFault('unsupported', `floating point printf conversion %${conv} is not supported`);
      case 'n':
      case 'm':
        throw new CFault('unsupported', `printf conversion %${conv} is not supported`);
      default:
        printUnknown(out, spec, conv);
        slowMode = true;
        break;
    }
  }
  return out.result(true);
}

function positionalError(): Error {
  return new Error('positional printf arguments (%N$) are not supported');
}

function rejectPositional(format: Uint8Array, i: number, end: number): void {
  const [, next] = readDecimal(format, i, end);
  if (next > i && next < end && format[next] === CH('$')) throw positionalError();
}

function readDecimal(format: Uint8Array, i: number, end: number): [number, number] {
  let n = 0;
  while (i < end) {
    const d = format[i]! - 0x30;
    if (d < 0 || d > 9) break;
    // Saturate: anything past the cap is rejected by checkField anyway.
    n = Math.min(n * 10 + d, MAX_FIELD + 1);
    i++;
  }
  return [n, i];
}

function readLength(format: Uint8Array, i: number, end: number, spec: Spec): number {
  if (i >= end) return i;
  const m = String.fromCharCode(format[i]!);
  const next = i + 1 < end ? String.fromCharCode(format[i + 1]!) : '';
  switch (m) {
    case 'h':
      if (next === 'h') { spec.lenBits = 8; return i + 2; }
      spec.lenBits = 16;
      return i + 1;
    case 'l':
      spec.lenBits = 64;
      spec.isLong = true;
      return next === 'l' ? i + 2 : i + 1;
    // On x86-64 LP64 all of these name 64-bit types.
    case 'L': case 'q': case 'j': case 'z': case 'Z': case 't':
      spec.lenBits = 64;
      spec.isLong = true;
      return i + 1;
    default:
      return i;
  }
}

function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) b[k] = s.charCodeAt(k);
  return b;
}

/** %c, %s and "(nil)": glibc pads these with spaces even under the '0' flag. */
function padded(out: Out, spec: Spec, body: Uint8Array): void {
  const pad = Math.max(0, spec.width - body.length);
  if (!spec.left) out.spaces(pad);
  out.raw(body);
  if (spec.left) out.spaces(pad);
}

function emitNumber(out: Out, spec: Spec, prefix: string, digits: string): void {
  const len = prefix.length + digits.length;
  const pad = Math.max(0, spec.width - len);
  if (spec.left) {
    out.ascii(prefix);
    out.ascii(digits);
    out.spaces(pad);
  } else if (spec.padZero && spec.prec < 0) {
    out.ascii(prefix);
    out.ascii('0'.repeat(pad));
    out.ascii(digits);
  } else {
    out.spaces(pad);
    out.ascii(prefix);
    out.ascii(digits);
  }
}

function formatInteger(out: Out, spec: Spec, raw: bigint, base: 2 | 8 | 10 | 16, signed: boolean, upper: boolean): void {
  // The length modifier reinterprets the promoted value the way va_arg of
  // the named type, then the conversion to that type, would on x86-64.
  const bits = spec.lenBits === 0 ? 32 : spec.lenBits;
  const v = signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw);
  const negative = v < 0n;
  const mag = negative ? -v : v;

  let digits = spec.prec === 0 && mag === 0n ? '' : mag.toString(base);
  if (upper) digits = digits.toUpperCase();
  if (spec.prec > digits.length) digits = '0'.repeat(spec.prec - digits.length) + digits;

  let prefix = '';
  if (signed) {
    if (negative) prefix = '-';
    else if (spec.showsign) prefix = '+';
    else if (spec.space) prefix = ' ';
  }
  if (spec.alt) {
    if (base === 8) {
      if (!digits.startsWith('0')) digits = '0' + digits;
    } else if (base !== 10 && mag !== 0n) {
      prefix += base === 16 ? (upper ? '0X' : '0x') : upper ? '0B' : '0b';
    }
  }
  emitNumber(out, spec, prefix, digits);
}

function formatPointer(out: Out, spec: Spec, raw: bigint): void {
  const v = BigInt.asUintN(64, raw);
  if (v === 0n) {
    padded(out, spec, ascii('(nil)'));
    return;
  }
  // glibc prints a pointer as %#lx that still honours '+' and ' '.
  let digits = v.toString(16);
  if (spec.prec > digits.length) digits = '0'.repeat(spec.prec - digits.length) + digits;
  const sign = spec.showsign ? '+' : spec.space ? ' ' : '';
  emitNumber(out, spec, sign + '0x', digits);
}

/** glibc's printf_unknown: the conversion is echoed in canonical order, without its length modifier. */
function printUnknown(out: Out, spec: Spec, conv: string): void {
  let s = '%';
  if (spec.alt) s += '#';
  if (spec.group) s += "'";
  if (spec.showsign) s += '+';
  else if (spec.space) s += ' ';
  if (spec.left) s += '-';
  if (spec.padZero) s += '0';
  if (spec.i18n) s += 'I';
  if (spec.width !== 0) s += String(spec.width);
  if (spec.prec !== -1) s += '.' + String(spec.prec);
  out.ascii(s + conv);
}
