/**
 * The partner template of docs/partners.md (GraphQL Yoga, Apollo's subgraph library and the kit):
 * it passes the schema check, composes with the bundled partners, and passes conform.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIFIED_DIRECTIVE_SDL, CLASSIFIED_LINK_SDL, conform } from '@doelpoort/subgraph-kit';
import { checkSources, describeOutcome } from '@doelpoort/subgraph-kit/schema';
import { composeSupergraph } from '../../schema/compose.ts';
import { leerplichtServer, PARTNER } from '../../docs/partner-template/server.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { BSN } from '../../subgraphs/world/planted-ids.ts';
import { fixtureWorld } from '../subgraphs/fixture.ts';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

const PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting', 'hulpverlening'];
const sdl = readFileSync(new URL('../../docs/partner-template/leerplicht.graphql', import.meta.url), 'utf8');

let server: Server;
let url: string;
let privateJwk: JWK;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  privateJwk = { ...(await exportJWK(privateKey)), kid: 'test-gateway' };
  const { d: _private, ...publicJwk } = privateJwk;
  server = leerplichtServer({ keys: [{ ...publicJwk, alg: 'EdDSA', use: 'sig' }] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the partner template', () => {
  it("declares @classified as the kit's link and definition say", () => {
    expect(sdl.replace(/\s+/g, ' ')).toContain(CLASSIFIED_LINK_SDL.replace('"@key", "@shareable", "@composeDirective"', '"@key", "@composeDirective"').replace(/\s+/g, ' '));
    expect(sdl).toContain(CLASSIFIED_DIRECTIVE_SDL.trim().split('\n').at(-1));
  });

  it('passes the check alone and composed with the bundled partners', () => {
    const alone = checkSources([{ name: PARTNER, sdl, url }], { knownPurposes: PURPOSES });
    expect(describeOutcome(alone)).toBe('OK: 1 subgraph, 2 classified fields');
    const ours = createAllSubgraphs(fixtureWorld).map(({ name, sdl: theirs }) => ({ name, sdl: theirs, url: `http://${name}.test/graphql` }));
    const composed = composeSupergraph([...ours, { name: PARTNER, sdl, url }], { knownPurposes: PURPOSES });
    expect(composed.ok ? [] : composed.problems.map((problem) => problem.message)).toEqual([]);
  });

  it('passes conform against its live server', async () => {
    const report = await conform(url, {
      partner: PARTNER,
      privateJwk,
      known: [{ __typename: 'Persoon', bsn: BSN.esmeeVerhoeven }],
      checkSchema: (name, served) => {
        const outcome = checkSources([{ name, sdl: served, url }], { knownPurposes: PURPOSES });
        return outcome.ok ? [] : describeOutcome(outcome).split('\n');
      },
      timedCalls: 10,
    });
    expect(report.findings.filter((finding) => !finding.ok)).toEqual([]);
    expect(report.findings).toHaveLength(14);
  });
});
