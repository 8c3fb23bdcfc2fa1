/**
 * Child process: the 13 partner subgraphs over the synthetic world, in a process of their own as in
 * production (each checks the gateway's token of every call against BENCH_GATEWAY_JWKS, the
 * gateway's public key set). Every workload-2 gateway of a run calls these same partners.
 */
import type { JSONWebKeySet } from 'jose';
import { serveAllSubgraphs } from '../../subgraphs/index.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { ready } from '../lib/supergraph.ts';

const keys = process.env['BENCH_GATEWAY_JWKS'];
if (!keys) throw new Error("BENCH_GATEWAY_JWKS (the gateway's public key set) is not set");
const served = await serveAllSubgraphs(defaultWorld(), { gatewayKeys: JSON.parse(keys) as JSONWebKeySet, basePort: 0, host: '127.0.0.1' });
ready({ partners: Object.fromEntries(served.subgraphs.map((s) => [s.name, s.url])) });
