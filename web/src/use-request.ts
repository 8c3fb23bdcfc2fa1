/** One request at a time from a page: whether it runs, and the gateway's message when it fails. */
import { useCallback, useState } from 'react';

export function useRequest(): { busy: boolean; error: string | undefined; run: (request: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (request: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await request();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
