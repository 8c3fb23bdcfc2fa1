/** Per project: decisions over time by outcome, by principle (refusals) and by partner (GET /audit/projects/<id>/access). */
import { useEffect, useRef, useState } from 'react';
import * as Plot from '@observablehq/plot';
import { Alert, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { auditApi } from '../api.ts';
import { named, SelectField } from '../fields.tsx';
import type { AppConfig, Session } from '../session.ts';
import type { AuditEntry, PageOf } from './records.ts';

interface Row {
  day: Date;
  outcome: string;
  principle: string;
  partner: string;
}

function Chart({ label, make }: { label: string; make: () => Element }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = make();
    // The host is the image with a text alternative; Plot's own labels on <g> elements are not valid ARIA there.
    for (const node of [chart, ...chart.querySelectorAll('*')]) for (const name of node.getAttributeNames()) if (name.startsWith('aria-')) node.removeAttribute(name);
    chart.setAttribute('aria-hidden', 'true');
    host.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [make]);
  return <div ref={host} role="img" aria-label={label} className="chart" />;
}

const OUTCOME_COLOURS = { domain: ['allow', 'minimise', 'deny'], range: ['#1b7a3e', '#8a5a00', '#b3261e'], legend: true };

export function Statistics({ session, config }: { session: Session; config: AppConfig }) {
  const [project, setProject] = useState(config.projects[0]?.id ?? '');
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setRows(undefined);
    auditApi<PageOf<AuditEntry>>(session, 'GET', `/audit/projects/${encodeURIComponent(project)}/access?limit=1000`).then(
      (page) =>
        setRows(
          page.items.map((e) => ({
            day: new Date(String(e.body.decided_at ?? e.recorded_at).slice(0, 10)),
            outcome: String(e.body.outcome),
            principle: String(e.body.principle ?? 'none'),
            partner: String(e.body.owner),
          })),
        ),
      (err: Error) => setError(err.message),
    );
  }, [session, project]);

  const data = rows ?? [];
  const refusals = data.filter((r) => r.outcome === 'deny');
  const counts = (key: keyof Row, of: Row[]) => {
    const by = new Map<string, number>();
    for (const r of of) by.set(String(r[key]), (by.get(String(r[key])) ?? 0) + 1);
    return [...by].map(([k, n]) => `${k}: ${n}`).join(', ');
  };
  return (
    <>
      <Heading2>Statistics</Heading2>
      <SelectField id="statistics-project" label="Project" value={project} onChange={setProject} options={named(config.projects)} />
      {error ? <Alert type="error">{error}</Alert> : null}
      {rows === undefined ? <Paragraph>Loading…</Paragraph> : <Paragraph>{data.length} decisions (the first 1000 of the project).</Paragraph>}
      {rows && data.length > 0 ? (
        <>
          <Heading3>Decisions per day, by outcome</Heading3>
          <Chart
            label={`Decisions per day by outcome. ${counts('outcome', data)}`}
            make={() => Plot.plot({ marginLeft: 50, x: { type: 'band', label: 'day', tickFormat: '%d %b' }, y: { grid: true, label: 'decisions' }, color: OUTCOME_COLOURS, marks: [Plot.barY(data, Plot.groupX({ y: 'count' }, { x: 'day', fill: 'outcome' })), Plot.ruleY([0])] })}
          />
          <Heading3>Refusals by principle</Heading3>
          <Chart
            label={`Refusals by principle. ${counts('principle', refusals)}`}
            make={() => Plot.plot({ marginLeft: 140, x: { grid: true, label: 'refusals' }, y: { label: null }, marks: [Plot.barX(refusals, Plot.groupY({ x: 'count' }, { y: 'principle', fill: '#154273', sort: { y: '-x' } })), Plot.ruleX([0])] })}
          />
          <Heading3>Decisions by partner, by outcome</Heading3>
          <Chart
            label={`Decisions by partner. ${counts('partner', data)}`}
            make={() => Plot.plot({ marginLeft: 140, x: { grid: true, label: 'decisions' }, y: { label: null }, color: OUTCOME_COLOURS, marks: [Plot.barX(data, Plot.groupY({ x: 'count' }, { y: 'partner', fill: 'outcome', sort: { y: '-x' } })), Plot.ruleX([0])] })}
          />
        </>
      ) : null}
    </>
  );
}
