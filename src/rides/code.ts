/** The driver's ride code: six digits that change every minute, typed (or scanned) by the passenger at pickup. */
const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(`${secret}:ride-code`))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
    keys.set(secret, k);
  }
  return k;
}

async function codeFor(secret: string, offerId: string, window: number): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await key(secret), new TextEncoder().encode(`${offerId}:${window}`)),
  );
  const n = ((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0;
  return String(n % 1_000_000).padStart(6, '0');
}

export async function rideCode(
  secret: string,
  offerId: string,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const window = Math.floor(now.getTime() / 60_000);
  return { code: await codeFor(secret, offerId, window), expiresAt: new Date((window + 1) * 60_000) };
}

/** Accepts the code of this minute or the previous one. */
export async function checkRideCode(
  secret: string,
  offerId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const window = Math.floor(now.getTime() / 60_000);
  for (const w of [window, window - 1]) if ((await codeFor(secret, offerId, w)) === code) return true;
  return false;
}
