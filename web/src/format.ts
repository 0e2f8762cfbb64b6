/** Instants shown in Beijing time, whatever the browser's zone; days (YYYY-MM-DD) as given. */
export function beijingDateTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  const formatted = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return formatted;
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** Whether a due day falls within `days` days from today (Beijing), and is not past. */
export function dueSoon(dueBy: string | null, days = 3, now = new Date()): boolean {
  if (!dueBy) return false;
  const today = beijingToday(now);
  const limit = beijingToday(new Date(now.getTime() + days * 86_400_000));
  return dueBy >= today && dueBy <= limit;
}
