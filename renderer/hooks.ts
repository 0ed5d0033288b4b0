import { useEffect, useState } from 'react';
import { todayIn } from './format';
import { useSession } from './stores/session';

/** The practice's time zone (UTC before sign-in). */
export function usePracticeTimeZone(): string {
  return useSession((s) => s.session?.practice.timeZone ?? 'UTC');
}

/** Today's date in the practice's time zone, fixed for the life of the screen. */
export function useToday(): string {
  const timeZone = usePracticeTimeZone();
  const [today] = useState(() => todayIn(timeZone));
  return today;
}

/** "Ctrl" or "⌘", for shortcut hints. */
export const modKeyLabel = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** The current time in ms, refreshed every `intervalMs` (for "waiting 12 min"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
