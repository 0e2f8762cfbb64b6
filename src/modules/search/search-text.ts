/**
 * How a search string becomes a query, and how hits are shown: pure functions, no SQL.
 *
 * The index uses SQLite FTS5's trigram tokenizer, which finds any substring of at least three
 * characters (Chinese needs no word segmentation) but cannot look up shorter ones. A term of
 * three characters or more becomes a quoted FTS5 phrase — quotes doubled, so `"`, `NEAR(`,
 * `AND`, `*` or `:` are only characters to find, never query syntax. A shorter term of letters
 * and digits (most Chinese words are two characters: 立法, 环保) is looked up in an index of
 * two-character tokens (`bigramsOf`); any other (`〔2`, `%`) is matched as a substring over the
 * text of the records the caller reads.
 */

/** Terms shorter than this are matched without the trigram index. */
export const TRIGRAM = 3;
export const MAX_TERMS = 8;

/** The terms of a search string: split on white space, duplicates dropped, order kept. */
export function termsOf(q: string): string[] {
  return [
    ...new Set(
      q
        .trim()
        .split(/\s+/u)
        .filter((t) => t.length > 0),
    ),
  ];
}

const length = (term: string) => Array.from(term).length;

export interface ParsedSearch {
  terms: string[];
  /** FTS5 expression: every long term as a quoted phrase (implicit AND); null when none. */
  match: string | null;
  /** FTS5 expression over the bigram index: two-character terms as tokens, one as prefixes. */
  bigrams: string | null;
  /** Short terms with other characters than letters and digits, matched as substrings. */
  short: string[];
}

const phrase = (term: string) => `"${term.replace(/"/g, '""')}"`;
const WORD = /^[\p{L}\p{N}]+$/u;

export function parseSearch(q: string): ParsedSearch {
  const terms = termsOf(q);
  const long = terms.filter((t) => length(t) >= TRIGRAM);
  const short = terms.filter((t) => length(t) < TRIGRAM);
  const words = short.filter((t) => WORD.test(t));
  return {
    terms,
    match: long.length ? long.map(phrase).join(' ') : null,
    bigrams: words.length
      ? words.map((t) => (length(t) === 1 ? `${phrase(t)}*` : phrase(t))).join(' ')
      : null,
    short: short.filter((t) => !WORD.test(t)),
  };
}

/** A piece of shown text, highlighted where it matched a term. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Where the terms occur in `text` (case-insensitive), merged, as [start, end) offsets. */
function occurrences(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const found: [number, number][] = [];
  for (const term of terms) {
    const needle = term.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      found.push([at, at + needle.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of found) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** `text` cut into plain and matching segments. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of occurrences(text, terms)) {
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/** Keeps a cut from splitting a surrogate pair. */
const safe = (text: string, at: number) =>
  at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]) ? at - 1 : at;

/**
 * About `width` characters of `text` around the first match, highlighted, with `…` where it
 * was cut; null when no term occurs in it.
 */
export function snippetOf(text: string, terms: readonly string[], width = 80): Segment[] | null {
  const first = occurrences(text, terms)[0];
  if (!first) return null;
  const start = safe(text, Math.max(0, first[0] - Math.floor(width / 3)));
  const end = safe(text, Math.min(text.length, start + width));
  const shown = highlight(text.slice(start, end).replace(/\s+/g, ' '), terms);
  if (start > 0) shown.unshift({ text: '…', match: false });
  if (end < text.length) shown.push({ text: '…', match: false });
  return shown;
}
