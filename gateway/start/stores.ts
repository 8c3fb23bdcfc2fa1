/** Start step "stores": the store, and the keys kept beside it in the data folder. */
import { loadPseudonymKey, loadSigningKeys } from '../audit/keys.ts';
import type { Config } from '../config/index.ts';
import { createPartnerCallSigning, createPartnerTokenSigner } from '../partner-token/index.ts';
import type { Db } from '../store/db.ts';
import { openStore } from '../store/open.ts';

export interface Keys {
  pseudonymKey: Awaited<ReturnType<typeof loadPseudonymKey>>;
  checkpointKeys: Awaited<ReturnType<typeof loadSigningKeys>>;
  partnerTokens: Awaited<ReturnType<typeof createPartnerTokenSigner>>;
  /** Signs every partner call with a token for exactly that call. */
  signing: ReturnType<typeof createPartnerCallSigning>;
}

/** PostgreSQL with `databaseUrl`, PGlite in the data folder otherwise. The caller closes it. */
export function openConfiguredStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
}

/** The audit's pseudonym and checkpoint keys and the partner-token signing keys, made on first start. */
export async function loadKeys(config: Pick<Config, 'dataDir' | 'partnerTokenAlgorithm'>): Promise<Keys> {
  const pseudonymKey = await loadPseudonymKey(config.dataDir);
  const checkpointKeys = await loadSigningKeys(config.dataDir);
  const partnerTokens = await createPartnerTokenSigner({ dataDir: config.dataDir, algorithm: config.partnerTokenAlgorithm });
  return { pseudonymKey, checkpointKeys, partnerTokens, signing: createPartnerCallSigning(partnerTokens) };
}
