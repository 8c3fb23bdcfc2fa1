/**
 * A supergraph composed elsewhere (by another composition tool or a schema registry), read the way
 * the reference gateways read one: it must parse, be a Federation v2 supergraph (join spec), name a
 * URL for every subgraph, and yield a valid schema for the clients.
 *
 * A supergraph carries no `@classified` directives, so it brings no classifications: every field of
 * a person or an address it declares is unclassified, and the policy denies it (fail closed).
 */
import { containsSupergraphSpec, transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { Kind, buildASTSchema, parse, print, type DocumentNode } from 'graphql';
import type { ComposeResult, SchemaProblem } from './compose.ts';

const SOURCE = 'supergraph';

export function readSupergraph(supergraphSdl: string): ComposeResult {
  let document: DocumentNode;
  try {
    document = parse(supergraphSdl, { noLocation: true });
  } catch (error) {
    return refused(`the supergraph does not parse: ${(error as Error).message}`);
  }
  if (!containsSupergraphSpec(supergraphSdl)) {
    return refused('this is not a Federation v2 supergraph (no @link to the join spec): compose the subgraphs into a supergraph first, e.g. with `rover supergraph compose`.');
  }
  const graphsWithoutUrl = graphUrls(document).filter(([, url]) => !url).map(([name]) => name);
  if (graphsWithoutUrl.length > 0) return refused(`these subgraphs have no routing URL: ${graphsWithoutUrl.join(', ')}. Give each a url in join__graph.`);
  let apiSchemaSdl: string;
  try {
    const publicDocument = transformSupergraphToPublicSchema(document);
    buildASTSchema(publicDocument);
    apiSchemaSdl = print(publicDocument);
  } catch (error) {
    return refused(`the supergraph does not give a valid client schema: ${(error as Error).message}`);
  }
  return { ok: true, supergraphSdl, apiSchemaSdl, classifications: new Map(), warnings: [], repaired: [] };
}

/** [subgraph name, url] of every value of the join__Graph enum. */
function graphUrls(document: DocumentNode): [string, string][] {
  const out: [string, string][] = [];
  for (const def of document.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => graph?.arguments?.find((a) => a.name.value === name)?.value;
      const name = arg('name');
      const url = arg('url');
      out.push([name?.kind === Kind.STRING ? name.value : value.name.value, url?.kind === Kind.STRING ? url.value : '']);
    }
  }
  return out;
}

function refused(message: string): { ok: false; problems: SchemaProblem[] } {
  return { ok: false, problems: [{ subgraph: SOURCE, coordinate: '', line: null, column: null, message: `${SOURCE}: ${message}` }] };
}
