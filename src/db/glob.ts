/**
 * Redis's glob patterns (KEYS, SCAN MATCH, PSUBSCRIBE) for the embedded backend: `*` any run of
 * characters (`/` and separators included, unlike a path glob), `?` one character, `[abc]`,
 * `[^abc]`, `[a-z]` a set, `\x` the character x. The shared DB test suite checks the embedded
 * backend and a real redis-server give the same answers.
 */

/** Whether `text` matches the Redis glob `pattern` (whole string). */
export function globMatch(pattern: string, text: string): boolean {
  return matchAt(pattern, 0, text, 0);
}

function matchAt(p: string, pi: number, s: string, si: number): boolean {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      while (p[pi + 1] === '*') pi++;
      if (pi + 1 === p.length) return true;
      for (let k = si; k <= s.length; k++) if (matchAt(p, pi + 1, s, k)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') {
      pi++;
      si++;
      continue;
    }
    if (c === '[') {
      const r = matchSet(p, pi + 1, s[si]);
      if (!r.matched) return false;
      pi = r.next;
      si++;
      continue;
    }
    let literal = c;
    if (c === '\\' && pi + 1 < p.length) literal = p[++pi];
    if (literal !== s[si]) return false;
    pi++;
    si++;
  }
  return si === s.length;
}

/** Matches one character against the set starting after `[`; answers the index after `]`. */
function matchSet(p: string, start: number, ch: string): { matched: boolean; next: number } {
  let i = start;
  const negate = p[i] === '^';
  if (negate) i++;
  let matched = false;
  while (i < p.length && p[i] !== ']') {
    if (p[i] === '\\' && i + 1 < p.length) {
      if (p[i + 1] === ch) matched = true;
      i += 2;
    } else if (i + 2 < p.length && p[i + 1] === '-') {
      let lo = p[i];
      let hi = p[i + 2];
      if (lo > hi) [lo, hi] = [hi, lo];
      if (ch >= lo && ch <= hi) matched = true;
      i += 3;
    } else {
      if (p[i] === ch) matched = true;
      i++;
    }
  }
  // An unterminated set ends at the end of the pattern, as in Redis.
  return { matched: negate ? !matched : matched, next: i < p.length ? i + 1 : i };
}

/** `text` with every glob character escaped, to match itself literally. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
