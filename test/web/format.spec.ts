import { beijingDateTime, beijingToday, dueSoon } from '../../web/src/format';

describe('The web UI’s dates, in Beijing time whatever the browser’s zone', () => {
  it('shows an instant in Beijing (UTC+8): 17:30 UTC is 01:30 the next day', () => {
    expect(beijingDateTime('2025-03-09T17:30:00.000Z', 'zh')).toBe('2025/03/10 01:30');
    expect(beijingDateTime('2025-03-09T17:30:00.000Z', 'en')).toBe('10/03/2025, 01:30');
    expect(beijingDateTime(null, 'zh')).toBe('—');
  });

  it('takes today’s date in Beijing, not UTC', () => {
    expect(beijingToday(new Date('2025-03-09T16:30:00.000Z'))).toBe('2025-03-10');
    expect(beijingToday(new Date('2025-03-09T15:30:00.000Z'))).toBe('2025-03-09');
  });

  it('calls a due day soon from today to three days on, never once it has passed', () => {
    const now = new Date('2025-03-10T02:00:00.000Z'); // 10:00 on 10 March in Beijing
    expect(dueSoon('2025-03-10', 3, now)).toBe(true);
    expect(dueSoon('2025-03-13', 3, now)).toBe(true);
    expect(dueSoon('2025-03-14', 3, now)).toBe(false);
    expect(dueSoon('2025-03-09', 3, now)).toBe(false);
    expect(dueSoon(null, 3, now)).toBe(false);
  });
});
