/**
 * What a lookup layer's `adapt()` learns, one batch at a time: how often each token occurs, and
 * for TF-IDF in how many documents (rows) it occurs; then the vocabulary in Keras's order, the
 * most frequent token first and ties broken by the greater token first (Keras sorts with NumPy's
 * `lexsort((tokens, counts))` and reverses it).
 */

/** A vocabulary term: a string (StringLookup) or an integer (IntegerLookup). */
export type Token = string | number;

export class TokenCounts<T extends Token> {
  private readonly counts = new Map<T, number>();
  private readonly documentCounts = new Map<T, number>();
  private documents = 0;

  /** Counts one batch given as rows (documents) of tokens; `documents` says whether document frequencies are kept too. */
  add(rows: T[][], documents: boolean): void {
    for (const row of rows) {
      for (const token of row) this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
      if (!documents) continue;
      for (const token of new Set(row)) this.documentCounts.set(token, (this.documentCounts.get(token) ?? 0) + 1);
      this.documents += 1;
    }
  }

  /** Whether no token was counted. */
  get empty(): boolean {
    return this.counts.size === 0;
  }

  /** The tokens counted, but not those `excluded` (the mask and OOV tokens), most frequent first, at most `limit` of them. */
  vocabulary(excluded: (T | null)[], limit: number | null): T[] {
    const tokens = [...this.counts.keys()].filter((t) => !excluded.includes(t));
    tokens.sort((a, b) => this.counts.get(b)! - this.counts.get(a)! || compareTokens(b, a));
    return limit === null ? tokens : tokens.slice(0, Math.max(limit, 0));
  }

  /** Keras's inverse document frequency of each token: `log(1 + documents / (1 + documents containing it))`. */
  inverseDocumentFrequencies(tokens: T[]): number[] {
    return tokens.map((t) => Math.log(1 + this.documents / (1 + (this.documentCounts.get(t) ?? 0))));
  }
}

/** NumPy's order of tokens: numbers by value, strings by code point (the order of their UTF-8 bytes), not by UTF-16 unit. */
export function compareTokens(a: Token, b: Token): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    const [cx, cy] = [x.codePointAt(i)!, y.codePointAt(j)!];
    if (cx !== cy) return cx - cy;
    i += cx > 0xffff ? 2 : 1;
    j += cy > 0xffff ? 2 : 1;
  }
  return x.length - y.length;
}
