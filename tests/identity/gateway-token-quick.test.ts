import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPartnerTokenSigner, type PartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import { quickCheck, type QuickCheck } from '../../subgraphs/kit/gateway-token-fast.ts';
import {
  createGatewayTokenVerifier,
  GATEWAY_TOKEN_ALGORITHMS,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  GatewayTokenError,
  gatewayTokenPayload,
  type GatewayCallContext,
} from '../../subgraphs/kit/gateway-token.ts';
import { nowSeconds } from './keys.ts';

const call: GatewayCallContext = {
  partner: 'uwv',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  organisation: 'sociale-dienst',
  role: 'analist',
  callerId: 'emp-123',
  project: 'wijkaanpak-2026',
  purpose: 'uitkeringsfraude',
  fields: ['Persoon.uitkeringen'],
};
const KID = 'gateway-2026-01';
/** What the partner kit checks a gateway token for. */
const CHECK = {
  issuer: GATEWAY_TOKEN_ISSUER,
  audience: 'uwv',
  typ: GATEWAY_TOKEN_TYPE,
  algorithms: GATEWAY_TOKEN_ALGORITHMS,
  clockToleranceSeconds: 5,
  requiredClaims: ['exp', 'jti'],
};

let privateJwk: JWK;
let signer: PartnerTokenSigner;
let quick: QuickCheck;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  privateJwk = await exportJWK(privateKey);
  signer = await createPartnerTokenSigner({ privateJwk, kid: KID });
  quick = quickCheck(signer.jwks(), CHECK);
});

/** A token signed with the gateway key, with the given header and claims changed. */
async function token(header: Record<string, unknown> = {}, claims: JWTPayload = {}, key: JWK = privateJwk): Promise<string> {
  const iat = nowSeconds();
  return new SignJWT({ ...gatewayTokenPayload(call), iss: GATEWAY_TOKEN_ISSUER, aud: 'uwv', jti: 'b1e5c7c0-0000-4000-8000-000000000001', iat, exp: iat + 60, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: KID, typ: GATEWAY_TOKEN_TYPE, ...header })
    .sign(key);
}

describe('the quick check of a gateway token', () => {
  it('proves a token the gateway signed and returns its claims', async () => {
    const signed = await signer.sign(call);
    expect(quick(signed)).toMatchObject({ iss: GATEWAY_TOKEN_ISSUER, aud: 'uwv', trace_id: call.traceId, fields: call.fields });
    expect(quick(await token())).toMatchObject({ jti: 'b1e5c7c0-0000-4000-8000-000000000001' });
  });

  it('leaves undecided every token it does not recognise as plainly valid', async () => {
    const { privateKey: otherKey } = await generateKeyPair('ES256', { extractable: true });
    const valid = await token();
    const [header, payload] = valid.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), fields: ['Persoon.bsn'] })).toString('base64url')}.${valid.split('.')[2]}`;
    const undecided = [
      tampered,
      await token({}, {}, await exportJWK(otherKey)),
      await token({ kid: 'another-key' }),
      await token({ typ: 'JWT' }),
      await token({ crit: ['b64'], b64: true }),
      await token({ extra: 'member' }),
      await token({}, { exp: nowSeconds() - 60 }),
      await token({}, { exp: undefined }),
      await token({}, { jti: undefined }),
      await token({}, { aud: ['uwv', 'svb'] }),
      await token({}, { aud: 'svb' }),
      await token({}, { iss: 'someone-else' }),
      await token({}, { nbf: nowSeconds() }),
      await token({}, { iat: 'yesterday' as unknown as number }),
      `${valid}.x`,
      valid.slice(0, -2),
      'not-a-token',
    ];
    expect(undecided.map((t) => quick(t))).toEqual(undecided.map(() => undefined));
  });

  it('leaves undecided a token whose kid names two keys of the set', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const second = { ...(await exportJWK(privateKey)), kid: KID, alg: 'ES256', use: 'sig' };
    const twice = quickCheck({ keys: [...signer.jwks().keys, second] }, CHECK);
    expect(twice(await signer.sign(call))).toBeUndefined();
  });
});

describe('the verifier, where the quick check is undecided', () => {
  const verifier = () => createGatewayTokenVerifier({ partner: 'uwv', jwks: signer.jwks() });
  const refusal = (authorization: string) =>
    verifier()
      .verify(authorization, [])
      .then(
        () => 'accepted',
        (error: GatewayTokenError) => `${error.code}: ${error.message}`,
      );

  it('accepts what jose accepts: an audience list with this partner, a typ with the media type prefix, another header member', async () => {
    expect(await refusal(`Bearer ${await token({}, { aud: ['svb', 'uwv'] })}`)).toBe('accepted');
    expect(await refusal(`Bearer ${await token({ typ: `application/${GATEWAY_TOKEN_TYPE}` })}`)).toBe('accepted');
    expect(await refusal(`Bearer ${await token({ extra: 'member' })}`)).toBe('accepted');
  });

  it('refuses, in jose\'s words, a token not yet valid, one without jti, and one whose iat is not a number', async () => {
    expect(await refusal(`Bearer ${await token({}, { nbf: nowSeconds() + 600 })}`)).toBe(
      'GATEWAY_TOKEN_INVALID: The gateway token is not valid: "nbf" claim timestamp check failed.',
    );
    expect(await refusal(`Bearer ${await token({}, { jti: undefined })}`)).toBe('GATEWAY_TOKEN_INVALID: The gateway token is not valid: missing required "jti" claim.');
    expect(await refusal(`Bearer ${await token({}, { iat: 'yesterday' as unknown as number })}`)).toBe('GATEWAY_TOKEN_INVALID: The gateway token is not valid: "iat" claim must be a number.');
  });
});
