/** A position in a source file: 1-based line and column, as editors and compilers print them. */
export interface SourceLoc {
  file: string;
  line: number;
  col: number;
}

export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/**
 * An error in the user's input (C source, patch, scenario) that we can point at. Everything that reaches a user
 * as "file:line:col: message" is one of these; anything else escaping to the top level is our bug.
 */
export class UserError extends Error {
  constructor(
    readonly loc: SourceLoc | undefined,
    readonly detail: string,
  ) {
    super(loc ? `${formatLoc(loc)}: ${detail}` : detail);
    this.name = 'UserError';
  }
}
