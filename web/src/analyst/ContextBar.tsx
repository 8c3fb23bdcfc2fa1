/** The context every query carries: project, purpose, case and a written justification (headers x-doelpoort-*). */
import { FormField, FormLabel, Textarea, Textbox } from '@utrecht/component-library-react';
import { plain, SelectField } from '../fields.tsx';
import type { QueryContext } from '../api.ts';
import type { AppConfig, Session } from '../session.ts';

export function ContextBar({ session, config, context, onChange }: { session: Session; config: AppConfig; context: QueryContext; onChange: (c: QueryContext) => void }) {
  const rolePurposes = new Set(config.roles.filter((r) => session.roles.includes(r.id)).flatMap((r) => r.purposes));
  const purposes = (config.projects.find((p) => p.id === context.project)?.purposes ?? []).filter((p) => rolePurposes.has(p));
  const set = (change: Partial<QueryContext>) => onChange({ ...context, ...change });
  return (
    <section className="context-bar no-print" aria-label="Query context">
      <SelectField id="context-project" label="Project" value={context.project} onChange={(project) => set({ project })} options={plain(session.projects)} />
      <SelectField id="context-purpose" label="Purpose" value={context.purpose} onChange={(purpose) => set({ purpose })} options={plain(purposes)} />
      <FormField>
        <FormLabel htmlFor="context-case">Case (optional)</FormLabel>
        <Textbox id="context-case" value={context.caseId} onChange={(e) => set({ caseId: e.target.value })} autoComplete="off" />
      </FormField>
      <FormField className="context-justification">
        <FormLabel htmlFor="context-justification">Justification (optional; recorded and reviewed by the privacy officer)</FormLabel>
        <Textarea id="context-justification" rows={1} value={context.justification} onChange={(e) => set({ justification: e.target.value })} />
      </FormField>
    </section>
  );
}
