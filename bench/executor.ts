/**
 * The executor alone on workload 1, in one process: the four subgraphs in process (answers cached
 * by request body, as in bench/subgraphs/serve.ts), no HTTP server in front. Prints the partner
 * calls of one request and the median time per request; with --cpu-prof, a clean profile of the
 * executor's own work.
 *
 *   node --import tsx bench/executor.ts [requests]
 */
import { execute, parse, type ExecutionResult } from 'graphql';
import { composeSupergraph } from '../schema/compose.ts';
import { buildApiSchema } from '../gateway/executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES, createExecutor } from '../gateway/executor/execute.ts';
import { loadSupergraph } from '../gateway/executor/supergraph.ts';
import type { SubgraphFetcher } from '../gateway/executor/subgraph-client.ts';
import type { Decision, Policy } from '../gateway/policy/types.ts';
import { benchSubgraphs } from './subgraphs/schemas.ts';
import { QUERY, expectedBody } from './workload1/query.ts';

const requests = Number(process.argv[2] ?? 300);
const subgraphs = benchSubgraphs();
const composed = composeSupergraph(subgraphs.map((s) => ({ name: s.name, url: `http://${s.name}.bench/graphql`, sdl: s.sdl })));
if (!composed.ok) throw new Error('does not compose');
const answers = new Map<string, string>();
const calls: { graph: string; bytesOut: number; bytesIn: number }[] = [];
const fetcher: SubgraphFetcher = async (url, request) => {
  const graph = new URL(url).hostname.split('.')[0]!;
  const body = JSON.stringify(request);
  let answer = answers.get(body);
  if (answer === undefined) {
    const schema = subgraphs.find((s) => s.name === graph)!.schema;
    const result = (await execute({ schema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult;
    answer = JSON.stringify(result);
    answers.set(body, answer);
  }
  calls.push({ graph, bytesOut: body.length, bytesIn: answer.length });
  return JSON.parse(answer) as { data: Record<string, unknown> };
};
const allow: Decision = { outcome: 'allow', rule: 'bench' };
const policy: Policy = { decide: async (q) => ({ decisions: q.entities.map(() => q.fields.map(() => allow)) }) };
const executor = createExecutor({
  supergraph: loadSupergraph(composed.supergraphSdl),
  apiSchema: buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES)),
  classifications: composed.classifications,
  policy,
  minimise: (_t, v) => v,
  fetcher,
});
const document = parse(QUERY);
const context = { traceId: '1'.repeat(32) } as never;
const expected = JSON.stringify(expectedBody());
const first = await executor.execute({ document, context });
if (JSON.stringify({ data: first.result.data }) !== expected) throw new Error(`wrong answer: ${JSON.stringify(first.result).slice(0, 500)}`);
console.log('calls per request:', calls.length, calls.map((c) => `${c.graph} out ${c.bytesOut} in ${c.bytesIn}`).join('; '));
const times: number[] = [];
for (let i = 0; i < requests; i++) {
  const start = performance.now();
  await executor.execute({ document, context });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(`median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms per request over ${requests}; distinct partner bodies ${answers.size}`);
