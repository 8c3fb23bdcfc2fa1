import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerTokenSigner, type PartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import {
  createGatewayTokenVerifier,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  GatewayTokenError,
  gatewayTokenPayload,
  fieldCoordinatesByQuery,
  requestedFieldCoordinates,
  type GatewayCallContext,
  type GatewayTokenVerifier,
} from '../../subgraphs/kit/gateway-token.ts';
import { nowSeconds } from './keys.ts';

const call: GatewayCallContext = {
  partner: 'uwv',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  organisation: 'sociale-dienst',
  role: 'analist-handhaving',
  callerId: 'emp-123',
  project: 'venlo-klingerberg-2026',
  purpose: 'handhaving-rechtmatigheid',
  caseId: 'case-0007',
  fields: ['Persoon.uitkeringen', 'Uitkering.soort'],
};

let privateJwk: JWK;
let signer: PartnerTokenSigner;
let uwv: GatewayTokenVerifier;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  privateJwk = await exportJWK(privateKey);
  signer = await createPartnerTokenSigner({ privateJwk, kid: 'gateway-2026-01' });
  uwv = createGatewayTokenVerifier({ partner: 'uwv', jwks: signer.jwks() });
});

async function refusal(authorization: string | undefined, fields: string[], verifier = uwv) {
  const error = await verifier.verify(authorization, fields).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GatewayTokenError);
  const { code, message, status } = error as GatewayTokenError;
  return { code, message, status };
}

describe('partner tokens', () => {
  it('a valid token is accepted and its claims returned', async () => {
    const token = await signer.sign(call);
    const claims = await uwv.verify(`Bearer ${token}`, ['Uitkering.soort', 'Persoon.uitkeringen']);
    const { tokenId, expiresAt, ...rest } = claims;
    expect(rest).toEqual(call);
    expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(expiresAt.getTime() / 1000 - nowSeconds()).toBeLessThanOrEqual(60);
  });

  it('a token is a compact JWS with the gateway header and exactly the call\'s claims, iss, aud, jti, iat and exp', async () => {
    const before = nowSeconds();
    const token = await signer.sign(call, 120);
    const after = nowSeconds();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'gateway-2026-01', typ: GATEWAY_TOKEN_TYPE });
    const { jti, iat, exp, ...claims } = decodeJwt(token);
    expect(claims).toEqual({
      sub: 'emp-123',
      org: 'sociale-dienst',
      role: 'analist-handhaving',
      project: 'venlo-klingerberg-2026',
      purpose: 'handhaving-rechtmatigheid',
      case_id: 'case-0007',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      fields: ['Persoon.uitkeringen', 'Uitkering.soort'],
      iss: GATEWAY_TOKEN_ISSUER,
      aud: 'uwv',
    });
    expect(jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(iat).toBeLessThanOrEqual(after);
    expect(exp).toBe(iat! + 120);
    expect(decodeJwt(await signer.sign(call)).jti).not.toBe(jti);
  });

  it('publishes one public key with kid, alg and use, and no private part', () => {
    const { keys } = signer.jwks();
    expect(keys).toEqual([{ kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, kid: 'gateway-2026-01', alg: 'ES256', use: 'sig' }]);
  });

  it('refuses a call without a token', async () => {
    expect(await refusal(undefined, ['Persoon.uitkeringen'])).toEqual({
      code: 'GATEWAY_TOKEN_MISSING',
      message: 'No gateway token was sent. Only the Doelpoort gateway may call this subgraph, with "Authorization: Bearer <gateway token>".',
      status: 401,
    });
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const forger = await createPartnerTokenSigner({ privateJwk: await exportJWK(privateKey), kid: 'gateway-2026-01' });
    expect(await refusal(`Bearer ${await forger.sign(call)}`, ['Persoon.uitkeringen'])).toEqual({
      code: 'GATEWAY_TOKEN_INVALID',
      message: "The token was not signed by the gateway: no key of the gateway's key set verifies it.",
      status: 401,
    });
  });

  it('refuses an expired token', async () => {
    const exp = nowSeconds() - 120;
    const token = await new SignJWT(gatewayTokenPayload(call))
      .setProtectedHeader({ alg: 'ES256', kid: 'gateway-2026-01', typ: GATEWAY_TOKEN_TYPE })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience('uwv')
      .setJti('b1e5c7c0-0000-4000-8000-000000000001')
      .setIssuedAt(exp - 60)
      .setExpirationTime(exp)
      .sign(privateJwk);
    expect(await refusal(`Bearer ${token}`, ['Persoon.uitkeringen'])).toEqual({
      code: 'GATEWAY_TOKEN_EXPIRED',
      message: `The gateway token expired at ${new Date(exp * 1000).toISOString()}. The gateway signs a new token for every call; do not reuse one.`,
      status: 401,
    });
  });

  it('refuses a token meant for another partner', async () => {
    const token = await signer.sign({ ...call, partner: 'belastingdienst' });
    expect(await refusal(`Bearer ${token}`, ['Persoon.uitkeringen'])).toEqual({
      code: 'GATEWAY_TOKEN_WRONG_PARTNER',
      message: 'The gateway token is meant for "belastingdienst", not for this partner ("uwv").',
      status: 401,
    });
  });

  it('refuses a call that asks for fields beyond those allowed', async () => {
    const token = await signer.sign(call);
    const error = await uwv.verify(`Bearer ${token}`, ['Persoon.uitkeringen', 'Persoon.dienstverbanden', 'Uitkering.bedrag']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayTokenError);
    expect(error).toMatchObject({
      code: 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED',
      message:
        'The gateway did not allow this call to select Persoon.dienstverbanden, Uitkering.bedrag; it allowed Persoon.uitkeringen, Uitkering.soort. Only the gateway decides which fields a call may ask for.',
      fieldsNotAllowed: ['Persoon.dienstverbanden', 'Uitkering.bedrag'],
      status: 403,
    });
  });

  it('refuses a token of another type, even when signed with the gateway key', async () => {
    const token = await new SignJWT(gatewayTokenPayload(call))
      .setProtectedHeader({ alg: 'ES256', kid: 'gateway-2026-01', typ: 'JWT' })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience('uwv')
      .setJti('b1e5c7c0-0000-4000-8000-000000000002')
      .setExpirationTime('1m')
      .sign(privateJwk);
    expect(await refusal(`Bearer ${token}`, [])).toEqual({
      code: 'GATEWAY_TOKEN_INVALID',
      message: 'The gateway token is not valid: unexpected "typ" JWT header value.',
      status: 401,
    });
  });

  it('refuses a lifetime beyond five minutes at signing', async () => {
    await expect(signer.sign(call, 301)).rejects.toThrow('ttlSeconds must be a whole number from 1 to 300');
  });
});

describe('createPartnerTokenSigner({ dataDir })', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-partner-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates its key once, private file mode 0600, and reuses it', async () => {
    const first = await createPartnerTokenSigner({ dataDir });
    const second = await createPartnerTokenSigner({ dataDir });
    expect(second.jwks()).toEqual(first.jwks());
    expect((await stat(join(dataDir, 'keys', 'gateway-signing.private.jwk.json'))).mode & 0o777).toBe(0o600);
    const verifier = createGatewayTokenVerifier({ partner: 'uwv', jwks: second.jwks() });
    await expect(verifier.verify(`Bearer ${await first.sign(call)}`, ['Uitkering.soort'])).resolves.toMatchObject({ project: call.project });
  });

  it('ends with one key when several start at once on an empty data directory', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'doelpoort-partner-race-'));
    try {
      const signers = await Promise.all([1, 2, 3, 4].map(() => createPartnerTokenSigner({ dataDir: fresh })));
      expect(new Set(signers.map((s) => JSON.stringify(s.jwks()))).size).toBe(1);
      expect(await readdir(join(fresh, 'keys'))).toEqual(['gateway-signing.private.jwk.json']);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});

describe('requestedFieldCoordinates', () => {
  const schema = buildSchema(`
    scalar _Any
    type _Service { sdl: String }
    union _Entity = Persoon
    type Query {
      persoon(bsn: String!): Persoon
      _service: _Service!
      _entities(representations: [_Any!]!): [_Entity]!
    }
    type Persoon { bsn: String! uitkeringen: [Uitkering!]! }
    type Uitkering { soort: String! bedrag: Int }
  `);

  it('lists the fields selected inside _entities, without __typename or the federation fields', () => {
    const document = parse(`
      query ($representations: [_Any!]!) {
        _service { sdl }
        _entities(representations: $representations) {
          __typename
          ... on Persoon { uitkeringen { soort ...Bedrag } }
        }
      }
      fragment Bedrag on Uitkering { bedrag }
    `);
    expect(requestedFieldCoordinates(schema, document)).toEqual([
      'Persoon.uitkeringen',
      'Uitkering.bedrag',
      'Uitkering.soort',
      '_Service.sdl',
    ]);
  });

  it('lists root fields and nested fields of a plain query', () => {
    const document = parse('{ persoon(bsn: "000000000") { bsn uitkeringen { soort } } }');
    expect(requestedFieldCoordinates(schema, document)).toEqual(['Persoon.bsn', 'Persoon.uitkeringen', 'Query.persoon', 'Uitkering.soort']);
  });

  it('fieldCoordinatesByQuery answers as requestedFieldCoordinates per query text, again and after it starts over', () => {
    const first = '{ persoon(bsn: "000000000") { bsn } }';
    const second = '{ persoon(bsn: "000000000") { uitkeringen { soort } } }';
    const coordinates = fieldCoordinatesByQuery(schema, 1);
    const asked = coordinates(first, parse(first));
    expect(asked).toEqual(['Persoon.bsn', 'Query.persoon']);
    asked.push('Uitkering.bedrag');
    expect(coordinates(first, parse(first))).toEqual(['Persoon.bsn', 'Query.persoon']);
    expect(coordinates(second, parse(second))).toEqual(['Persoon.uitkeringen', 'Query.persoon', 'Uitkering.soort']);
    expect(coordinates(first, parse(first))).toEqual(['Persoon.bsn', 'Query.persoon']);
  });
});
