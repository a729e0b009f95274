import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/**
 * The `expect:` entries of a scenario file with their lines, for the Test Explorer: each is one test (a policy
 * and the verdict it should give). Read leniently: a half-edited file still lists what can be read, and the
 * scenario's full check happens when the test runs.
 */
export interface Expectation {
  policy: string;
  verdict: string;
  at: string | undefined;
  kind: string | undefined;
  /** 0-based line of the entry. */
  line: number;
}

function str(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

export function readExpectations(text: string): Expectation[] {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return [];
  const lineOf = (n: Node | null | undefined): number => {
    const off = n?.range?.[0] ?? 0;
    let line = 0;
    for (let i = 0; i < off && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  };
  const scenarioPolicy = str(doc.contents.get('policy', true)) ?? 'none';
  const expect = doc.contents.get('expect', true) as Node | undefined;
  const entries = isSeq(expect) ? expect.items : expect ? [expect] : [];
  const out: Expectation[] = [];
  for (const e of entries) {
    if (isMap(e)) {
      const verdict = str(e.get('verdict', true));
      if (verdict) out.push({ policy: str(e.get('policy', true)) ?? scenarioPolicy, verdict, at: str(e.get('at', true)), kind: str(e.get('kind', true)), line: lineOf(e as Node) });
    } else {
      const verdict = str(e);
      if (verdict) out.push({ policy: scenarioPolicy, verdict, at: undefined, kind: undefined, line: lineOf(e as Node) });
    }
  }
  return out;
}

/** Whether an exploration's worst outcome is the expected one; the reason when not. */
export function judge(e: Expectation, got: { verdict: string; oops?: { file?: string | undefined; line?: number | undefined; kind?: string } | undefined }): string | undefined {
  if (got.verdict !== e.verdict) return `expected ${e.verdict}, explored: ${got.verdict}`;
  if (e.verdict === 'oops' && got.oops) {
    const at = `${got.oops.file ?? '?'}:${got.oops.line ?? '?'}`;
    if (e.at && !at.endsWith(e.at)) return `expected the oops at ${e.at}, it is at ${at}`;
    if (e.kind && got.oops.kind !== e.kind) return `expected a ${e.kind} oops, it is ${got.oops.kind ?? 'another kind'}`;
  }
  return undefined;
}
