import { DueWindow } from '../../projections/notifications.projection';
import { beijingDate } from '../calendar/working-day-calendar';

/** The due-soon window as of an instant: today in Beijing and the day `days` after it. */
export function dueWindow(now: Date, days: number): DueWindow {
  const today = beijingDate(now);
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + days);
  return { today, soon: soon.toISOString().slice(0, 10), soonDays: days };
}
