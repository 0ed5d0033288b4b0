/** Load something for a card and load it again when `version` moves; errors as plain words. */
import { useEffect, useState } from 'react';
import { messageOf } from '../../api';

export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => {
        if (!live) return;
        setValue(v);
        setError(null);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { value, error };
}
