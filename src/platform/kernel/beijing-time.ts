/** A calendar date in Beijing time, formatted 'YYYY-MM-DD'. */
export type IsoDate = string;

// China has not observed DST since 1991, so a fixed offset is exact for every date we handle.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date of an instant, e.g. 2025-01-27T17:00:00Z → '2025-01-28'. */
export function beijingDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('beijingDate: invalid Date');
  }
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}
