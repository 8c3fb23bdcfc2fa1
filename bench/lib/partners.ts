/**
 * Workload 2's partners in their own process. The gateway's partner-token keys are made first in
 * the data folder that every workload-2 gateway of the run shares (as replicas share /data/keys),
 * so the partners can be given the public key set before any gateway starts.
 */
import { loadConfig } from '../../gateway/config/index.ts';
import { createPartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import { startChild, type Child } from './child.ts';

export async function startPartners(dataDir: string): Promise<Child> {
  const { partnerTokenAlgorithm } = loadConfig({ env: { DOELPOORT_DATA_DIR: dataDir } });
  const signer = await createPartnerTokenSigner({ dataDir, algorithm: partnerTokenAlgorithm });
  return startChild('partners', 'bench/workload2/partners.ts', { BENCH_GATEWAY_JWKS: JSON.stringify(signer.jwks()) });
}

/** What a gateway child gets: the partners' URLs by name, from BENCH_PARTNERS. */
export function partnerUrls(): Record<string, string> {
  const raw = process.env['BENCH_PARTNERS'];
  if (!raw) throw new Error('BENCH_PARTNERS (JSON of partner name → URL) is not set');
  return JSON.parse(raw) as Record<string, string>;
}
