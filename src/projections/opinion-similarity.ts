/**
 * Near-identical opinions: texts are normalised (NFKC, lower case, no spaces, punctuation or
 * symbols), cut into character trigrams, and compared by Jaccard similarity of their trigram
 * sets. To find candidates among a million without comparing all pairs, each text gets a MinHash
 * sketch: the minimum of its trigram hashes under a few hash functions. Two texts with Jaccard
 * similarity J share any one minimum with probability J, so a text that shares none of
 * `SKETCH_SIZE` minima with a cluster is near-identical to it with probability (1−J)^k.
 */

/** Opinions at least this similar (Jaccard of trigram sets) join the same cluster. */
export const SIMILARITY_THRESHOLD = 0.7;

/** Minima per sketch: each is one candidate lookup key. */
export const SKETCH_SIZE = 4;

const SEEDS = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c];

/** The text as compared: the same words in another width, case, spacing or punctuation match. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The hashes of a normalised text's character trigrams (the text itself when shorter): FNV-1a of
 * each three-character string, hashed in place rather than cut out.
 */
export function trigramHashes(normalised: string): Set<number> {
  // Where each character (code point: a surrogate pair is one) starts, and where the text ends.
  const starts: number[] = [];
  for (let i = 0; i < normalised.length; i++) {
    starts.push(i);
    const unit = normalised.charCodeAt(i);
    const next = normalised.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
  }
  const grams = new Set<number>();
  if (starts.length < 3) {
    grams.add(fnv1a(normalised));
    return grams;
  }
  starts.push(normalised.length);
  for (let g = 0; g + 3 < starts.length; g++) {
    let hash = 0x811c9dc5;
    for (let i = starts[g]; i < starts[g + 3]; i++) {
      hash ^= normalised.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    grams.add(hash >>> 0);
  }
  return grams;
}

/** Jaccard similarity of two trigram sets. */
export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const h of small) if (large.has(h)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The key of identical opinions (the common case of a campaign): the text's hash and length. */
export function exactKey(normalised: string): string {
  return `x:${fnv1a(normalised).toString(36)}:${normalised.length}`;
}

/** The lookup keys of near-identical opinions: `m<i>:` the trigram set's MinHash minima. */
export function minHashKeys(grams: Set<number>): string[] {
  const keys: string[] = [];
  for (let k = 0; k < SKETCH_SIZE; k++) {
    const seed = SEEDS[k];
    let min = 0xffffffff;
    for (const h of grams) {
      let x = Math.imul(h ^ seed, 0x5bd1e995);
      x ^= x >>> 15;
      x = x >>> 0;
      if (x < min) min = x;
    }
    keys.push(`m${k}:${min.toString(36)}`);
  }
  return keys;
}
