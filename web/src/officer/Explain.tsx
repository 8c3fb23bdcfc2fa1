/** The explain form: what a query would release in a given context, and why, without asking any partner (POST /audit/explain). */
import { useState, type FormEvent } from 'react';
import { Alert, Button, FormField, FormLabel, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, Textbox } from '@utrecht/component-library-react';
import { auditApi } from '../api.ts';
import { named, plain, SelectField } from '../fields.tsx';
import type { AppConfig, Session } from '../session.ts';

interface Explanation {
  policyVersion: string;
  request: { outcome: string; principle?: string; reason?: string };
  fields: { path: string; owner: string; tier: string | null; stage: string; decision?: { outcome: string; principle?: string; rule?: string; reason?: string; transform?: string }; atRunTime?: { rules: string[]; why: string }; notAsked?: { because: string } }[];
}

const EXAMPLE = '{ adres(adresId: "9999200000900001") { straat bewoners { bsn toeslagen { jaarbedrag } } } }';

export function Explain({ session, config }: { session: Session; config: AppConfig }) {
  const [query, setQuery] = useState(EXAMPLE);
  const [organisation, setOrganisation] = useState('belastingdienst');
  const [role, setRole] = useState('analist');
  const [project, setProject] = useState(config.projects[0]?.id ?? '');
  const [purpose, setPurpose] = useState('uitkeringsfraude');
  const [caseId, setCaseId] = useState('');
  const [answer, setAnswer] = useState<Explanation>();
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const context = { organisation, roles: [role], projects: [project], project, purpose, ...(caseId.trim() ? { case: caseId.trim() } : {}) };
      setAnswer(await auditApi<Explanation>(session, 'POST', '/audit/explain', { query, context }));
    } catch (err) {
      setAnswer(undefined);
      setError((err as Error).message);
    }
  };

  const purposes = config.projects.find((p) => p.id === project)?.purposes ?? [];
  return (
    <>
      <Heading2>Explain</Heading2>
      <Paragraph>A dry run: what a query, asked in this context, would release and why. No partner is asked.</Paragraph>
      <form onSubmit={submit}>
        <FormField>
          <FormLabel htmlFor="explain-query">Query</FormLabel>
          <Textarea id="explain-query" rows={5} value={query} onChange={(e) => setQuery(e.target.value)} required spellCheck={false} />
        </FormField>
        <div className="filters">
          <SelectField id="explain-organisation" label="Organisation" value={organisation} onChange={setOrganisation} options={named(config.organisations)} />
          <SelectField id="explain-role" label="Role" value={role} onChange={setRole} options={plain(config.roles.map((r) => r.id))} />
          <SelectField id="explain-project" label="Project" value={project} onChange={setProject} options={plain(config.projects.map((p) => p.id))} />
          <SelectField id="explain-purpose" label="Purpose" value={purpose} onChange={setPurpose} options={plain(purposes)} />
          <FormField>
            <FormLabel htmlFor="explain-case">Case (optional)</FormLabel>
            <Textbox id="explain-case" value={caseId} onChange={(e) => setCaseId(e.target.value)} autoComplete="off" />
          </FormField>
        </div>
        <Button type="submit" appearance="primary-action-button">
          Explain
        </Button>
      </form>
      {error ? <Alert type="error">{error}</Alert> : null}
      {answer ? (
        <section aria-live="polite" aria-label="Explanation">
          <Paragraph>
            The request would be <strong>{answer.request.outcome}</strong>
            {answer.request.reason ? `: ${answer.request.reason}` : ''}. Policy version <code>{answer.policyVersion.slice(0, 19)}</code>.
          </Paragraph>
          <Table className="explanation">
            <caption>{answer.fields.length} fields of persons and addresses</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Field</TableHeaderCell>
                <TableHeaderCell scope="col">Partner</TableHeaderCell>
                <TableHeaderCell scope="col">Tier</TableHeaderCell>
                <TableHeaderCell scope="col">Decided</TableHeaderCell>
                <TableHeaderCell scope="col">Outcome</TableHeaderCell>
                <TableHeaderCell scope="col">Why</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {answer.fields.map((f) => (
                <TableRow key={f.path} data-path={f.path}>
                  <TableCell>
                    <code>{f.path}</code>
                  </TableCell>
                  <TableCell>{f.owner}</TableCell>
                  <TableCell>{f.tier ?? 'unclassified'}</TableCell>
                  <TableCell>{f.stage}</TableCell>
                  <TableCell>{f.decision ? `${f.decision.outcome}${f.decision.transform ? ` (${f.decision.transform})` : ''}` : f.stage === 'run-time' ? 'at run time' : 'not asked'}</TableCell>
                  <TableCell>
                    {f.decision?.principle ? `${f.decision.principle}: ` : ''}
                    {f.decision?.reason ?? f.atRunTime?.why ?? f.notAsked?.because ?? ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </>
  );
}
