import { createHash } from 'node:crypto';
import { NewEvent } from '../../events/envelope';
import { GENESIS_HASH, canonicalJson, chainHash } from './hash-chain';

const event: NewEvent = {
  eventId: 'e-1',
  type: 'SubmissionDrafted',
  schemaVersion: 1,
  data: { z: 1, a: ['x', { d: null, c: '“引号” \\n' }], m: undefined, n: [undefined, 2] },
  metadata: {
    occurredAt: '2025-03-10T02:00:00.000Z',
    actor: { userId: 'u', organisationId: 'o', role: 'legislature' },
    correlationId: 'c',
    causationId: null,
  },
};

describe('Given the canonical serialisation', () => {
  it('when objects have keys in any order, then they serialise identically, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] }, u: undefined })).toBe(
      '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}',
    );
    expect(canonicalJson([undefined, 'x'])).toBe(JSON.stringify([undefined, 'x']));
    expect(JSON.parse(canonicalJson(event.data))).toEqual(JSON.parse(JSON.stringify(event.data)));
  });

  it('when keys are already in order, or not, or values are not plain data, then the fast path writes the sorted form', () => {
    // In order everywhere: the native serialiser's output.
    const ordered = { a: [1, { b: null, c: 'x' }], d: { e: true }, f: undefined };
    expect(canonicalJson(ordered)).toBe(JSON.stringify(ordered));
    // Out of order at depth, integer-like keys, functions, toJSON: written as the sorting form.
    expect(canonicalJson({ a: { c: 1, b: 2 } })).toBe('{"a":{"b":2,"c":1}}');
    expect(canonicalJson({ 9: 'nine', 10: 'ten' })).toBe('{"10":"ten","9":"nine"}');
    expect(canonicalJson({ a: 1, f: () => 1 })).toBe('{"a":1,"f":null}');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":{}}');
    expect(canonicalJson([() => 1, undefined])).toBe('[null,null]');
  });

  it('when an event is hashed, then the hash is SHA-256 of the canonical JSON of its fields and link', () => {
    const reference = createHash('sha256')
      .update(
        canonicalJson({
          streamId: 'submission-1',
          revision: 4,
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
          previousHash: GENESIS_HASH,
        }),
      )
      .digest('hex');
    expect(chainHash('submission-1', 4, event, GENESIS_HASH)).toBe(reference);
  });

  it('when any hashed field changes, then the hash changes', () => {
    const base = chainHash('s', 0, event, GENESIS_HASH);
    expect(chainHash('s2', 0, event, GENESIS_HASH)).not.toBe(base);
    expect(chainHash('s', 1, event, GENESIS_HASH)).not.toBe(base);
    expect(chainHash('s', 0, { ...event, data: { z: 2 } }, GENESIS_HASH)).not.toBe(base);
    expect(chainHash('s', 0, event, 'f'.repeat(64))).not.toBe(base);
  });
});
