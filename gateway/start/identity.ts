/** Start step "identity": who may call, checked against the configured identity provider or the local issuer. */
import type { Config } from '../config/index.ts';
import { createCallerVerifier } from '../identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../identity/local-issuer.ts';

export interface Identity {
  verifier: ReturnType<typeof createCallerVerifier>;
  /** Only on the embedded default without `auth`. */
  localIssuer?: LocalIssuer;
}

export async function startIdentity(config: Pick<Config, 'auth' | 'dataDir'>, embedded: boolean): Promise<Identity> {
  const auth = config.auth;
  if (auth) {
    const verifier = createCallerVerifier({
      jwks: auth.jwksFile ? { file: auth.jwksFile } : { url: auth.jwksUrl! },
      issuer: auth.issuer,
      audience: auth.audience,
      clockSkewSeconds: auth.clockSkewSeconds,
      algorithms: auth.algorithms,
      claims: auth.claims,
    });
    return embedded ? { verifier, localIssuer: await ensureLocalIssuer(config.dataDir) } : { verifier };
  }
  const localIssuer = await ensureLocalIssuer(config.dataDir);
  const verifier = createCallerVerifier({ jwks: { file: localIssuer.jwksFile }, issuer: localIssuer.issuer, audience: localIssuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
  return { verifier, localIssuer };
}
