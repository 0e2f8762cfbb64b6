import { isUUID } from 'class-validator';
import { timeOrderedUuid } from './command-handler';

describe('Given time-ordered event ids', () => {
  it('when made, then they are version 7 UUIDs that begin with the time and differ within a millisecond', () => {
    const at = Date.UTC(2026, 10, 23, 22, 0, 0);
    const ids = Array.from({ length: 1000 }, () => timeOrderedUuid(at));
    for (const id of ids) expect(isUUID(id, 7)).toBe(true);
    expect(ids[0].replace('-', '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when made a millisecond apart, then the later sorts after the earlier', () => {
    const at = Date.UTC(2026, 10, 23, 22, 0, 0);
    const earlier = Array.from({ length: 100 }, () => timeOrderedUuid(at));
    const later = Array.from({ length: 100 }, () => timeOrderedUuid(at + 1));
    expect(later.every((l) => earlier.every((e) => l > e))).toBe(true);
  });
});
