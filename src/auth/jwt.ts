import {
  CompactSign,
  SignJWT,
  compactVerify,
  exportJWK,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';

/** The only algorithm we sign and accept: pinned, never taken from the token. */
export const ALGORITHM = 'EdDSA';

type KeyPair = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK };

const cache = new Map<string, Promise<KeyPair[]>>();

/** Imports the signing keys from the SIGNING_KEYS secret once per isolate. */
export function loadKeys(secret: string): Promise<KeyPair[]> {
  let keys = cache.get(secret);
  if (!keys) {
    keys = importKeys(secret);
    cache.set(secret, keys);
  }
  return keys;
}

async function importKeys(secret: string): Promise<KeyPair[]> {
  const jwks = JSON.parse(secret) as JWK[];
  if (!Array.isArray(jwks) || jwks.length === 0)
    throw new Error('SIGNING_KEYS must be a non-empty JSON array of JWKs');
  return Promise.all(
    jwks.map(async (jwk) => {
      if (!jwk.kid || !jwk.d) throw new Error('every signing key needs a kid and its private part');
      const privateKey = (await importJWK(jwk, ALGORITHM)) as CryptoKey;
      const { d: _private, ...publicPart } = jwk;
      const publicJwk: JWK = { ...publicPart, alg: ALGORITHM, use: 'sig' };
      const publicKey = (await importJWK(publicJwk, ALGORITHM)) as CryptoKey;
      return { kid: jwk.kid, privateKey, publicKey, publicJwk };
    }),
  );
}

export type SignOptions = { typ: string; issuer: string; audience: string; subject: string; expiresAt: Date };

/** Signs claims with the current (first) key; the key id goes into the header. */
export async function signToken(secret: string, claims: JWTPayload, options: SignOptions): Promise<string> {
  const [current] = await loadKeys(secret);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: current!.kid, typ: options.typ })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(options.expiresAt.getTime() / 1000))
    .sign(current!.privateKey);
}

export type VerifyOptions = { typ: string; issuer: string; audience: string; now: Date };

/**
 * Verifies signature (by `kid`, any of our keys), algorithm, `typ`, `iss`, `aud`, `exp` and `nbf`.
 * Throws on any failure; callers map that to one problem.
 */
export async function verifyToken(
  secret: string,
  token: string,
  options: VerifyOptions,
): Promise<JWTPayload> {
  const keys = await loadKeys(secret);
  const { payload } = await jwtVerify(token, keyById(keys), {
    algorithms: [ALGORITHM],
    typ: options.typ,
    issuer: options.issuer,
    audience: options.audience,
    currentDate: options.now,
    requiredClaims: ['exp', 'sub', 'iat'],
  });
  return payload;
}

function keyById(keys: KeyPair[]) {
  return (header: { kid?: string }) => {
    const key = keys.find((k) => k.kid === header.kid);
    if (!key) throw new Error('unknown key id');
    return key.publicKey;
  };
}

/**
 * Signs a small JSON payload as a compact JWS with only `alg` and `kid` in the header: no JWT claims,
 * so pass codes stay short enough for a sparse QR.
 */
export async function signCompact(secret: string, payload: Record<string, string | number>): Promise<string> {
  const [current] = await loadKeys(secret);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ALGORITHM, kid: current!.kid })
    .sign(current!.privateKey);
}

/** Verifies a compact JWS made by `signCompact` (algorithm pinned, key by `kid`) and returns its payload. */
export async function verifyCompact(secret: string, jws: string): Promise<unknown> {
  const { payload } = await compactVerify(jws, keyById(await loadKeys(secret)), { algorithms: [ALGORITHM] });
  return JSON.parse(new TextDecoder().decode(payload)) as unknown;
}

/** The public keys, for a JWKS endpoint. */
export async function publicJwks(secret: string): Promise<{ keys: JWK[] }> {
  const keys = await loadKeys(secret);
  return { keys: keys.map((k) => k.publicJwk) };
}

/** A fresh Ed25519 private JWK with a short random key id (development setup, tests, key rotation). */
export async function generateSigningKey(): Promise<JWK> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await exportJWK(pair.privateKey);
  const kid = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return { ...jwk, kid, alg: ALGORITHM };
}
