import { strict as assert } from 'node:assert';
import { UserError } from '../../src/core/diagnostics';

/**
 * The one acceptable way for a parser to refuse an input: a UserError. With `files` (name → text), it must point
 * into one of them: a known file, a 1-based line no further than one past its end, a 1-based column. Anything
 * else is rethrown, so the property fails on it with its stack.
 */
export function expectUserError(e: unknown, files?: ReadonlyMap<string, string>): asserts e is UserError {
  if (!(e instanceof UserError)) throw e;
  assert.ok(e.message.length <= 4000, `an error message of ${e.message.length} characters: ${e.message.slice(0, 200)}...`);
  if (files === undefined) return;
  const loc = e.loc;
  assert.ok(loc, `a UserError without a position: ${e.message}`);
  const text = files.get(loc.file);
  assert.ok(text !== undefined, `the error points at '${loc.file}', not an input file: ${e.message}`);
  assert.ok(Number.isInteger(loc.line) && loc.line >= 1, `bad line in ${e.message}`);
  assert.ok(Number.isInteger(loc.col) && loc.col >= 1, `bad column in ${e.message}`);
  const lines = text.split('\n').length;
  assert.ok(loc.line <= lines + 1, `line ${loc.line} is past the end (${lines} lines): ${e.message}`);
}
