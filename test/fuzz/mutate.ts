import * as fc from 'fast-check';

/**
 * Text mutations for fuzzing parsers with inputs close to valid ones: a real mail, kernel file or scenario with
 * a few lines deleted, duplicated, swapped or rewritten, characters flipped, numbers changed, or cut short.
 * Positions are drawn as plain numbers taken modulo the text's size, so shrinking moves toward the start.
 */
export type Mutation =
  | { op: 'delete-line' | 'duplicate-line' | 'strip-indent'; at: number }
  | { op: 'swap-lines'; at: number; to: number }
  | { op: 'insert-line' | 'replace-line'; at: number; text: string }
  | { op: 'insert-text'; at: number; text: string }
  | { op: 'delete-text'; at: number; length: number }
  | { op: 'number'; at: number; value: string }
  | { op: 'truncate'; at: number }
  | { op: 'crlf' };

const INTERESTING_NUMBERS = ['0', '-1', '1', '2147483647', '2147483648', '4294967295', '4294967296', '9223372036854775807', '18446744073709551616', '99999999999999999999999', '1e308', '0x7fffffff', '-0', '007'];

export function mutationArb(lineText: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ op: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'strip-indent' as const), at }),
    fc.record({ op: fc.constant('swap-lines' as const), at, to: fc.nat() }),
    fc.record({ op: fc.constantFrom('insert-line' as const, 'replace-line' as const), at, text: lineText }),
    fc.record({ op: fc.constant('insert-text' as const), at, text: fc.oneof(fc.string({ maxLength: 8 }), lineText) }),
    fc.record({ op: fc.constant('delete-text' as const), at, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant('number' as const), at, value: fc.oneof(fc.constantFrom(...INTERESTING_NUMBERS), fc.integer().map(String)) }),
    fc.record({ op: fc.constant('truncate' as const), at }),
    fc.constant({ op: 'crlf' as const }),
  );
}

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = (n: number) => (lines.length ? n % lines.length : 0);
  switch (m.op) {
    case 'delete-line':
      lines.splice(li(m.at), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = li(m.at);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'strip-indent': {
      const i = li(m.at);
      lines[i] = (lines[i] ?? '').trimStart();
      return lines.join('\n');
    }
    case 'swap-lines': {
      const i = li(m.at);
      const j = li(m.to);
      const a = lines[i] ?? '';
      lines[i] = lines[j] ?? '';
      lines[j] = a;
      return lines.join('\n');
    }
    case 'insert-line':
      lines.splice(li(m.at), 0, m.text);
      return lines.join('\n');
    case 'replace-line':
      lines[li(m.at)] = m.text;
      return lines.join('\n');
    case 'insert-text': {
      const i = text.length ? m.at % (text.length + 1) : 0;
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'delete-text': {
      const i = text.length ? m.at % text.length : 0;
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'number': {
      const nums = [...text.matchAll(/\d+/g)];
      if (!nums.length) return text;
      const n = nums[m.at % nums.length] as RegExpMatchArray;
      const i = n.index ?? 0;
      return text.slice(0, i) + m.value + text.slice(i + n[0].length);
    }
    case 'truncate':
      return text.slice(0, text.length ? m.at % text.length : 0);
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
  }
}

/** A text with 1..max mutations applied in order. */
export function mutatedText(base: string, lineText: fc.Arbitrary<string>, max = 6): fc.Arbitrary<string> {
  return fc.array(mutationArb(lineText), { minLength: 1, maxLength: max }).map((ms) => ms.reduce(applyMutation, base));
}
