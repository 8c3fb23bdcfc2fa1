import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerTokenSigner, PARTNER_TOKEN_KEY_FILES, type PartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import {
  callDigest,
  createGatewayTokenVerifier,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  GatewayTokenError,
  gatewayTokenPayload,
  fieldCoordinatesByQuery,
  requestedFieldCoordinates,
  type GatewayCallContext,
  type GatewayTokenVerifier,
  type GraphQLCall,
} from '@doelpoort/subgraph-kit';
import { nowSeconds } from './keys.ts';

const context: GatewayCallContext = {
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
const QUERY = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { uitkeringen { soort } } } }';
const call: GraphQLCall = { query: QUERY, variables: { representations: [{ __typename: 'Persoon', bsn: '999990007' }] } };
const asked = { fields: ['Uitkering.soort', 'Persoon.uitkeringen'], call };

let privateJwk: JWK;
let signer: PartnerTokenSigner;
let uwv: GatewayTokenVerifier;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  privateJwk = await exportJWK(privateKey);
  signer = await createPartnerTokenSigner({ privateJwk, kid: 'gateway-2026-01' });
  uwv = createGatewayTokenVerifier({ partner: 'uwv', jwks: signer.jwks() });
});

async function refusal(authorization: string | undefined, what = asked, verifier = uwv) {
  const error = await verifier.verify(authorization, what).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GatewayTokenError);
  const { code, message, status } = error as GatewayTokenError;
  return { code, message, status };
}

/** A token in the gateway's format with the given times, signed with the gateway's key. */
async function tokenWith(times: { iat: number; exp: number }, extra: JWTPayload = {}): Promise<string> {
  return new SignJWT({ ...gatewayTokenPayload(context, call), ...extra })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'gateway-2026-01', typ: GATEWAY_TOKEN_TYPE })
    .setIssuer(GATEWAY_TOKEN_ISSUER)
    .setAudience('uwv')
    .setJti(crypto.randomUUID())
    .setIssuedAt(times.iat)
    .setExpirationTime(times.exp)
    .sign(privateJwk);
}

describe('partner tokens', () => {
  it('a valid token is accepted once and its claims returned', async () => {
    const token = signer.sign(context, call);
    const claims = await uwv.verify(`Bearer ${token}`, asked);
    const { tokenId, issuedAt, expiresAt, callDigest: digest, ...rest } = claims;
    expect(rest).toEqual(context);
    expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(digest).toBe(callDigest(call));
    expect((expiresAt.getTime() - issuedAt.getTime()) / 1000).toBe(60);
  });

  it("a token is a compact EdDSA JWS with the gateway header and exactly the call's claims, iss, aud, jti, iat and exp", () => {
    const before = nowSeconds();
    const token = signer.sign(context, call, 30);
    const after = nowSeconds();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: 'gateway-2026-01', typ: GATEWAY_TOKEN_TYPE });
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
      call: callDigest(call),
      iss: GATEWAY_TOKEN_ISSUER,
      aud: 'uwv',
    });
    expect(jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(iat).toBeLessThanOrEqual(after);
    expect(exp).toBe(iat! + 30);
    expect(decodeJwt(signer.sign(context, call)).jti).not.toBe(jti);
  });

  it('the call digest is the same whatever the order of the keys, and differs for other subjects', () => {
    const reordered = { variables: { representations: [{ bsn: '999990007', __typename: 'Persoon' }] }, query: QUERY, operationName: null };
    expect(callDigest(reordered)).toBe(callDigest(call));
    expect(callDigest({ ...call, variables: { representations: [{ __typename: 'Persoon', bsn: '999990019' }] } })).not.toBe(callDigest(call));
    expect(callDigest({ query: '{ persoon(bsn: "999990007") { naam } }' })).not.toBe(callDigest({ query: '{ persoon(bsn: "999990019") { naam } }' }));
  });

  it('publishes the public key with kid, alg and use, and no private part', () => {
    const { keys } = signer.jwks();
    expect(keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid: 'gateway-2026-01', alg: 'EdDSA', use: 'sig' }]);
  });

  it('refuses a call without a token', async () => {
    expect(await refusal(undefined)).toEqual({
      code: 'GATEWAY_TOKEN_MISSING',
      message: 'No gateway token was sent. Only the Doelpoort gateway may call this subgraph, with "Authorization: Bearer <gateway token>".',
      status: 401,
    });
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const forger = await createPartnerTokenSigner({ privateJwk: await exportJWK(privateKey), kid: 'gateway-2026-01' });
    expect(await refusal(`Bearer ${forger.sign(context, call)}`)).toEqual({
      code: 'GATEWAY_TOKEN_INVALID',
      message: "The token was not signed by the gateway: no key of the gateway's key set verifies it.",
      status: 401,
    });
  });

  it('refuses an expired token', async () => {
    const exp = nowSeconds() - 120;
    expect(await refusal(`Bearer ${await tokenWith({ iat: exp - 60, exp })}`)).toEqual({
      code: 'GATEWAY_TOKEN_EXPIRED',
      message: `The gateway token expired at ${new Date(exp * 1000).toISOString()}. The gateway signs a new token for every call; do not reuse one.`,
      status: 401,
    });
  });

  it('refuses a token that lives longer than 60 s, even when it is fresh', async () => {
    const iat = nowSeconds();
    expect(await refusal(`Bearer ${await tokenWith({ iat, exp: iat + 365 * 24 * 3600 })}`)).toEqual({
      code: 'GATEWAY_TOKEN_TOO_LONG_LIVED',
      message: 'The gateway token lives 31536000 s; this partner accepts at most 60 s. A gateway token covers one call.',
      status: 401,
    });
  });

  it('refuses a token issued in the future, and one without iat', async () => {
    const iat = nowSeconds() + 600;
    expect(await refusal(`Bearer ${await tokenWith({ iat, exp: iat + 30 })}`)).toEqual({
      code: 'GATEWAY_TOKEN_INVALID',
      message: 'The gateway token is issued in the future. Check that the gateway and this partner keep the right time.',
      status: 401,
    });
    const noIat = await new SignJWT(gatewayTokenPayload(context, call))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'gateway-2026-01', typ: GATEWAY_TOKEN_TYPE })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience('uwv')
      .setJti(crypto.randomUUID())
      .setExpirationTime('30s')
      .sign(privateJwk);
    expect((await refusal(`Bearer ${noIat}`)).code).toBe('GATEWAY_TOKEN_INVALID');
  });

  it('refuses a token used a second time', async () => {
    const token = signer.sign(context, call);
    await uwv.verify(`Bearer ${token}`, asked);
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'GATEWAY_TOKEN_REPLAYED',
      message: 'This gateway token was already used. A gateway token is good for one call only.',
      status: 401,
    });
  });

  it('refuses a token meant for another partner', async () => {
    const token = signer.sign({ ...context, partner: 'belastingdienst' }, call);
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'GATEWAY_TOKEN_WRONG_PARTNER',
      message: 'The gateway token is meant for "belastingdienst", not for this partner ("uwv").',
      status: 401,
    });
  });

  it('refuses a call that asks for fields beyond those allowed', async () => {
    const token = signer.sign(context, call);
    const error = await uwv
      .verify(`Bearer ${token}`, { fields: ['Persoon.uitkeringen', 'Persoon.dienstverbanden', 'Uitkering.bedrag'], call })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayTokenError);
    expect(error).toMatchObject({
      code: 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED',
      message:
        'The gateway did not allow this call to select Persoon.dienstverbanden, Uitkering.bedrag; it allowed Persoon.uitkeringen, Uitkering.soort. Only the gateway decides which fields a call may ask for.',
      fieldsNotAllowed: ['Persoon.dienstverbanden', 'Uitkering.bedrag'],
      status: 403,
    });
  });

  it('refuses a token for other subjects: other representations, or other root arguments', async () => {
    const token = signer.sign(context, call);
    const others = { ...call, variables: { representations: [{ __typename: 'Persoon', bsn: '999990007' }, { __typename: 'Persoon', bsn: '999990019' }] } };
    expect(await refusal(`Bearer ${token}`, { fields: asked.fields, call: others })).toEqual({
      code: 'GATEWAY_TOKEN_OTHER_CALL',
      message:
        'The gateway token was signed for another call: these representations or arguments are not the subjects the gateway decided on. The gateway signs a token for every call; do not reuse one.',
      status: 403,
    });
    const root = { query: '{ persoon(bsn: "999990007") { bsn } }' };
    const forRoot = signer.sign({ ...context, fields: ['Persoon.bsn', 'Query.persoon'] }, root);
    const otherRoot = { fields: ['Persoon.bsn', 'Query.persoon'], call: { query: '{ persoon(bsn: "999990019") { bsn } }' } };
    expect((await refusal(`Bearer ${forRoot}`, otherRoot)).code).toBe('GATEWAY_TOKEN_OTHER_CALL');
  });

  it('refuses a token of another type, even when signed with the gateway key', async () => {
    const token = await new SignJWT(gatewayTokenPayload(context, call))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'gateway-2026-01', typ: 'JWT' })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience('uwv')
      .setJti('b1e5c7c0-0000-4000-8000-000000000002')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateJwk);
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'GATEWAY_TOKEN_INVALID',
      message: 'The gateway token is not valid: unexpected "typ" JWT header value.',
      status: 401,
    });
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const unsigned = [{ alg: 'none', typ: GATEWAY_TOKEN_TYPE }, { ...gatewayTokenPayload(context, call), iss: GATEWAY_TOKEN_ISSUER, aud: 'uwv', jti: 'x', iat: nowSeconds(), exp: nowSeconds() + 30 }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    expect((await refusal(`Bearer ${unsigned}.`)).code).toBe('GATEWAY_TOKEN_INVALID');
  });

  it('refuses a lifetime beyond 60 s at signing', () => {
    expect(() => signer.sign(context, call, 61)).toThrow('ttlSeconds must be a whole number from 1 to 60');
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

  it('creates an Ed25519 key once, private file mode 0600, and reuses it', async () => {
    const first = await createPartnerTokenSigner({ dataDir });
    const second = await createPartnerTokenSigner({ dataDir });
    expect(second.jwks()).toEqual(first.jwks());
    expect(first.jwks().keys.map((key) => [key.kty, key.crv, key.alg])).toEqual([['OKP', 'Ed25519', 'EdDSA']]);
    expect((await stat(join(dataDir, 'keys', PARTNER_TOKEN_KEY_FILES.current))).mode & 0o777).toBe(0o600);
    const verifier = createGatewayTokenVerifier({ partner: 'uwv', jwks: second.jwks() });
    await expect(verifier.verify(`Bearer ${first.sign(context, call)}`, asked)).resolves.toMatchObject({ project: context.project });
  });

  it('makes an ES256 key when so configured', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'doelpoort-partner-es256-'));
    try {
      const es256 = await createPartnerTokenSigner({ dataDir: fresh, algorithm: 'ES256' });
      expect(es256.jwks().keys.map((key) => [key.kty, key.crv, key.alg])).toEqual([['EC', 'P-256', 'ES256']]);
      const token = es256.sign(context, call);
      expect(decodeProtectedHeader(token).alg).toBe('ES256');
      await expect(createGatewayTokenVerifier({ partner: 'uwv', jwks: es256.jwks() }).verify(`Bearer ${token}`, asked)).resolves.toMatchObject({ partner: 'uwv' });
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('rotates keys without refusing a call in flight: next published, then signing, then previous dropped', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'doelpoort-partner-rotate-'));
    const keys = join(fresh, 'keys');
    try {
      const old = await createPartnerTokenSigner({ dataDir: fresh });
      const oldKid = old.jwks().keys[0]!.kid;
      // 1. The next key is published beside the current one; the current one still signs.
      const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
      await writeFile(join(keys, PARTNER_TOKEN_KEY_FILES.next), JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
      const announcing = await createPartnerTokenSigner({ dataDir: fresh });
      const newKid = announcing.jwks().keys[1]!.kid;
      expect(announcing.jwks().keys.map((key) => key.kid)).toEqual([oldKid, newKid]);
      expect(decodeProtectedHeader(announcing.sign(context, call)).kid).toBe(oldKid);
      const inFlight = old.sign(context, call);
      // 2. The next key signs; the old one stays published as previous.
      await rename(join(keys, PARTNER_TOKEN_KEY_FILES.current), join(keys, PARTNER_TOKEN_KEY_FILES.previous));
      await rename(join(keys, PARTNER_TOKEN_KEY_FILES.next), join(keys, PARTNER_TOKEN_KEY_FILES.current));
      const rotated = await createPartnerTokenSigner({ dataDir: fresh });
      expect(rotated.jwks().keys.map((key) => key.kid)).toEqual([newKid, oldKid]);
      const partner = createGatewayTokenVerifier({ partner: 'uwv', jwks: rotated.jwks() });
      await expect(partner.verify(`Bearer ${inFlight}`, asked)).resolves.toMatchObject({ partner: 'uwv' });
      const fresh1 = rotated.sign(context, call);
      expect(decodeProtectedHeader(fresh1).kid).toBe(newKid);
      await expect(partner.verify(`Bearer ${fresh1}`, asked)).resolves.toMatchObject({ partner: 'uwv' });
      // 3. The previous key is removed once its tokens have expired.
      await rm(join(keys, PARTNER_TOKEN_KEY_FILES.previous));
      const done = await createPartnerTokenSigner({ dataDir: fresh });
      expect(done.jwks().keys.map((key) => key.kid)).toEqual([newKid]);
      const afterwards = createGatewayTokenVerifier({ partner: 'uwv', jwks: done.jwks() });
      expect((await refusal(`Bearer ${old.sign(context, call)}`, asked, afterwards)).code).toBe('GATEWAY_TOKEN_INVALID');
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('ends with one key when several start at once on an empty data directory', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'doelpoort-partner-race-'));
    try {
      const signers = await Promise.all([1, 2, 3, 4].map(() => createPartnerTokenSigner({ dataDir: fresh })));
      expect(new Set(signers.map((s) => JSON.stringify(s.jwks()))).size).toBe(1);
      expect(await readdir(join(fresh, 'keys'))).toEqual([PARTNER_TOKEN_KEY_FILES.current]);
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
