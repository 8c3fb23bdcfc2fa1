import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { GraphiQL } from 'graphiql';
import { SCENARIO_EXAMPLES } from '../../../gateway/examples.ts';
import { contextHeaders, type QueryContext } from '../api.ts';
import type { Session } from '../session.ts';

/** GraphiQL keeps its tabs in this, in memory: nothing of a query (a BSN, say) is left in the browser's storage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const TABS = SCENARIO_EXAMPLES.map((example) => ({
  query: `# ${example.title}\n# Purpose: ${example.headers?.['x-doelpoort-purpose'] ?? 'any'} (choose it in the context bar)\n${example.query}\n`,
}));

export default function GraphiQLEditor({ session, context }: { session: Session; context: QueryContext }) {
  const storage = useMemo(memoryStorage, []);
  const fetcher = useMemo(
    () =>
      async (params: unknown, options?: { headers?: Record<string, unknown> }) => {
        const extra = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...extra, ...contextHeaders(context), authorization: `Bearer ${session.token}` },
          body: JSON.stringify(params),
          cache: 'no-store',
        });
        return response.json();
      },
    [session, context],
  );
  return (
    <div className="graphiql-host">
      <GraphiQL fetcher={fetcher} defaultTabs={TABS} storage={storage} shouldPersistHeaders={false} />
    </div>
  );
}
