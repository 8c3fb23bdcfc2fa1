/**
 * Reading one subgraph's SDL: parsing it, and checking that it is a valid federation subgraph on its
 * own, with positions in the partner's file.
 */
import { GraphQLError, Source, getLocation, parse } from 'graphql';
import type { ASTNode, DocumentNode, SourceLocation } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { describePlace, problemAt } from './problems.ts';
import type { SchemaProblem } from './problems.ts';

export type ParsedSubgraph = { ok: true; document: DocumentNode } | { ok: false; problems: SchemaProblem[] };

export function parseSubgraph(subgraph: string, sdl: string): ParsedSubgraph {
  try {
    return { ok: true, document: parse(new Source(sdl, subgraph)) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const location = error.locations?.[0] ?? null;
    const reason = error.message.replace(/^Syntax Error: /, '');
    return { ok: false, problems: [problemAt(subgraph, '', location, `${describePlace(subgraph, '', location)}: syntax error: ${reason}`)] };
  }
}

/** Where a node starts in its SDL, or null for a node without a location. */
export function locationOf(node: ASTNode): SourceLocation | null {
  return node.loc === undefined ? null : getLocation(node.loc.source, node.loc.start);
}

/**
 * Checks the document as Apollo's subgraph library would serve it: unknown types and directives,
 * bad federation directives. Returns one problem per cause.
 */
export function validateSubgraph(subgraph: string, document: DocumentNode): SchemaProblem[] {
  try {
    buildSubgraphSchema(document);
    return [];
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return causesOf(error)
      .filter((cause) => !isAboutClassifiedUsage(cause.message))
      .map((cause) => {
        const location = cause.locations?.[0] ?? null;
        const text = cause.message.replace(/^\[[^\]]*\] /, '');
        return problemAt(subgraph, '', location, `${describePlace(subgraph, '', location)}: ${withHint(text)}`);
      });
  }
}

/**
 * How @classified is applied is checked by the classification reader, in a partner's terms; only its
 * missing declaration is left to the subgraph library.
 */
function isAboutClassifiedUsage(message: string): boolean {
  return message.includes('"@classified') && !message.includes('Unknown directive "@classified"');
}

/** Apollo's subgraph library throws one error that aggregates its causes. */
function causesOf(error: GraphQLError): GraphQLError[] {
  const causes: unknown = (error as { causes?: unknown }).causes;
  return Array.isArray(causes) && causes.every((cause) => cause instanceof GraphQLError) ? causes : [error];
}

const HINTS: ReadonlyArray<{ when: string; hint: string }> = [
  {
    when: 'Unknown directive "@classified"',
    hint: 'Declare the directive in the subgraph: directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION',
  },
  {
    when: 'cannot satisfy @require conditions',
    hint: 'Check that every object the requirement can meet has each required field in a subgraph the gateway can fetch it from. If it has, the composition library is wrong: compose the subgraphs elsewhere (e.g. `rover supergraph compose`) and start the gateway with `supergraphFile`.',
  },
  {
    when: 'Non-shareable field',
    hint: 'Resolve the field in one subgraph only, or mark it @shareable in every subgraph that resolves it.',
  },
];

/** The library's message, followed by what to do about it when we know. */
export function withHint(message: string): string {
  const known = HINTS.find(({ when }) => message.includes(when));
  if (known === undefined) return message;
  return `${message}${message.endsWith('.') ? '' : '.'} ${known.hint}`;
}
