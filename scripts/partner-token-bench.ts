/**
 * `npm run bench:partner-token`: what a partner token costs, per call. The gateway signs one per
 * partner call (gateway/partner-token/, node:crypto); a partner verifies it with the kit (jose's
 * jwtVerify, the call digest, the replay store). Each figure is the median of 5 rounds of N
 * operations, for Ed25519 (the default) and ES256, on an `_entities` call with 20 representations.
 */
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair } from 'jose';
import { createGatewayTokenVerifier, type GatewayCallContext, type GraphQLCall } from '@doelpoort/subgraph-kit';
import { createPartnerTokenSigner } from '../gateway/partner-token/index.ts';

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = 5;
const context: GatewayCallContext = {
  partner: 'belastingdienst',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  organisation: 'sociale-dienst',
  role: 'analist',
  callerId: 'emp-123',
  project: 'wijkaanpak-2026',
  purpose: 'uitkeringsfraude',
  fields: ['Persoon.toeslagen', 'Toeslag.soort', 'Toeslag.bedragPerJaar'],
};
const call: GraphQLCall = {
  query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { toeslagen { soort bedragPerJaar } } } }',
  variables: { representations: Array.from({ length: 20 }, (_, i) => ({ __typename: 'Persoon', bsn: String(999990000 + i) })) },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function bench(alg: 'EdDSA' | 'ES256'): Promise<void> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const signer = await createPartnerTokenSigner({ privateJwk: await exportJWK(privateKey) });
  const verifier = createGatewayTokenVerifier({ partner: context.partner, jwks: signer.jwks() });
  const signRounds: number[] = [];
  const verifyRounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    const tokens = Array.from({ length: N }, () => `Bearer ${signer.sign(context, call)}`);
    signRounds.push((performance.now() - started) / N);
    started = performance.now();
    for (const token of tokens) await verifier.verify(token, { fields: context.fields, call });
    verifyRounds.push((performance.now() - started) / N);
  }
  const line = (what: string, ms: number) => `${alg.padEnd(5)} ${what.padEnd(7)} ${(ms * 1000).toFixed(1).padStart(7)} µs/call  ${Math.round(1000 / ms).toString().padStart(7)} calls/s`;
  console.log(line('sign', median(signRounds)));
  console.log(line('verify', median(verifyRounds)));
}

console.log(`partner token, ${N} calls per round, median of ${ROUNDS} rounds, Node ${process.version}`);
await bench('EdDSA');
await bench('ES256');
