/**
 * What no command should see in a parsed JSON value, whether it came over HTTP or Kafka: nesting
 * deeper than any command needs, or text that is not text.
 */

/**
 * Far deeper than any command body (an opinion's points are three levels); a body of a few KB
 * nested ten thousand levels deep would overflow the stack of the recursive transformation and
 * validation that follow.
 */
export const MAX_JSON_DEPTH = 32;

export interface JsonShapeProblem {
  rule: 'json_depth' | 'well_formed_unicode';
  /** The member at fault as a path (`points[0].text`); absent for the whole value. */
  field?: string;
  message: string;
}

/** In Unicode mode a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

const memberPath = (parent: string, key: string, inArray: boolean) =>
  inArray ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * The first problem found, or null. A string or member name holding a lone UTF-16 surrogate
 * (`"\ud800"` is valid JSON but no text) could not be stored as UTF-8 or shown, and would make
 * the hash chain's canonical form ambiguous.
 */
export function jsonShapeProblem(value: unknown): JsonShapeProblem | null {
  const pending: [unknown, number, string][] = [[value, 1, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth, path] = next;
    if (typeof node === 'string' && !wellFormed(node)) return malformedText(path);
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      return { rule: 'json_depth', message: `The body nests deeper than ${MAX_JSON_DEPTH} levels` };
    }
    const inArray = Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      const childPath = memberPath(path, key, inArray);
      if (!wellFormed(key)) return malformedText(childPath);
      pending.push([child, depth + 1, childPath]);
    }
  }
  return null;
}

function malformedText(path: string): JsonShapeProblem {
  return {
    rule: 'well_formed_unicode',
    ...(path ? { field: path } : {}),
    message: `${path || 'The body'} holds a lone UTF-16 surrogate, which is not text`,
  };
}
