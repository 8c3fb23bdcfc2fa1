import { Kind, parse } from 'graphql';
import type { ConstDirectiveNode, ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MINIMISATIONS, TIERS } from '../../schema/classification.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { fixtureWorld } from './fixture.ts';
import { run } from './run.ts';

const PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting', 'hulpverlening'];
const subgraphs = createAllSubgraphs(fixtureWorld);

/** The tier and minimised form of a key field, or undefined when the type is absent. */
function keyClassification(sdl: string, typeName: string, fieldName: string): { tier?: string; minimised?: string } | undefined {
  const type = parse(sdl).definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName);
  if (type === undefined) return undefined;
  const directive = type.fields?.find((f) => f.name.value === fieldName)?.directives?.find((d) => d.name.value === 'classified');
  if (directive === undefined) return {};
  const value = (name: string) => {
    const node = argument(directive, name);
    return node?.kind === Kind.STRING ? node.value : undefined;
  };
  return { tier: value('tier'), minimised: value('minimised') };
}

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

/** "Type.field: problem" for every field of Persoon and Adres without a valid @classified. */
function classificationProblems(sdl: string): string[] {
  const problems: string[] = [];
  const subjectTypes = parse(sdl).definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && (d.name.value === 'Persoon' || d.name.value === 'Adres'),
  );
  for (const type of subjectTypes) {
    for (const field of type.fields ?? []) {
      const where = `${type.name.value}.${field.name.value}`;
      const directive = field.directives?.find((d) => d.name.value === 'classified');
      if (directive === undefined) {
        problems.push(`${where}: not classified`);
        continue;
      }
      const tier = argument(directive, 'tier');
      const purposes = argument(directive, 'purposes');
      const minimised = argument(directive, 'minimised');
      if (tier?.kind !== Kind.STRING || !(TIERS as readonly string[]).includes(tier.value)) problems.push(`${where}: bad tier`);
      if (purposes?.kind !== Kind.LIST || purposes.values.length === 0) problems.push(`${where}: no purposes`);
      else if (purposes.values.some((p) => p.kind !== Kind.STRING || !PURPOSES.includes(p.value))) problems.push(`${where}: unknown purpose`);
      if (minimised !== undefined && (minimised.kind !== Kind.STRING || !(MINIMISATIONS as readonly string[]).includes(minimised.value))) {
        problems.push(`${where}: bad minimised form`);
      }
    }
  }
  return problems;
}

describe.each(subgraphs.map((subgraph) => [subgraph.name, subgraph] as const))('%s subgraph SDL', (_name, subgraph) => {
  it('serves its SDL in _service { sdl }, with the @classified definition', async () => {
    const result = await run(subgraph, '{ _service { sdl } }');
    expect(result).toEqual({ data: { _service: { sdl: subgraph.sdl } } });
    expect(subgraph.sdl).toContain('directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION');
    expect(subgraph.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
  });

  it('classifies every field of Persoon and Adres, key fields included', () => {
    expect(classificationProblems(subgraph.sdl)).toEqual([]);
  });

  it('classifies the key fields as agreed: bsn identifying and masked, adresId low', () => {
    const bsn = keyClassification(subgraph.sdl, 'Persoon', 'bsn');
    const adresId = keyClassification(subgraph.sdl, 'Adres', 'adresId');
    expect(bsn ?? adresId).toBeDefined();
    if (bsn !== undefined) expect(bsn).toEqual({ tier: 'identifying', minimised: 'masked-bsn' });
    if (adresId !== undefined) expect(adresId).toEqual({ tier: 'low', minimised: undefined });
  });
});

describe('classificationProblems (the checker the tests above rely on)', () => {
  it('reports a field without @classified and one with an unknown purpose', () => {
    const sdl = `
      directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION
      type Persoon { bsn: ID! naam: String @classified(tier: "identifying", purposes: ["nieuwsgierigheid"]) }
    `;
    expect(classificationProblems(sdl)).toEqual(['Persoon.bsn: not classified', 'Persoon.naam: unknown purpose']);
  });
});
