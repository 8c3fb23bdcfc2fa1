import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useEffect, useMemo, useRef } from 'react';
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

/**
 * GraphiQL marks each tab role="tab" with buttons inside it (nested interactive controls, WCAG 4.1.2).
 * The tab bar is a row of buttons here, the active one marked aria-current.
 */
function flattenTabs(host: HTMLElement): void {
  for (const list of host.querySelectorAll('[role="tablist"]')) list.removeAttribute('role');
  for (const tab of host.querySelectorAll<HTMLElement>('.graphiql-tab[role="tab"]')) {
    tab.removeAttribute('role');
    tab.removeAttribute('aria-selected');
  }
  for (const button of host.querySelectorAll('.graphiql-tab-button')) {
    const active = button.closest('.graphiql-tab-active') !== null;
    if (active && button.getAttribute('aria-current') !== 'true') button.setAttribute('aria-current', 'true');
    if (!active && button.hasAttribute('aria-current')) button.removeAttribute('aria-current');
  }
}

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
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current!;
    const observer = new MutationObserver(() => flattenTabs(element));
    flattenTabs(element);
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'class'] });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="graphiql-host" ref={host}>
      <GraphiQL fetcher={fetcher} defaultTabs={TABS} storage={storage} shouldPersistHeaders={false} />
    </div>
  );
}
