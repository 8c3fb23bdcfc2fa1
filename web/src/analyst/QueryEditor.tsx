/** GraphiQL, loaded only when opened (Monaco is large), with the context bar's headers on every request. */
import { lazy, Suspense } from 'react';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { QueryContext } from '../api.ts';
import type { Session } from '../session.ts';

const GraphiQLEditor = lazy(() => import('./GraphiQLEditor.tsx'));

export function QueryEditor({ session, context }: { session: Session; context: QueryContext }) {
  return (
    <>
      <Heading2>Query editor</Heading2>
      <Paragraph>
        Every query carries the context bar’s project, purpose, case and justification. The tabs hold the scenarios’ queries; a tab’s
        first lines name the purpose it was written for.
      </Paragraph>
      <Suspense fallback={<Paragraph>Loading the editor…</Paragraph>}>
        <GraphiQLEditor session={session} context={context} />
      </Suspense>
    </>
  );
}
