import { fromBase64Url, toBase64Url } from '../lib/ids.ts';
import type { Quote, QuoteReason } from './tariff.ts';

/**
 * The `tariffId` of a price answer: the price itself, sealed (AES-GCM) for the till to bring back, so a sale
 * can be written in the same round trip as its checks, at exactly the price shown. Bound to the pass, the
 * target and the day; opaque to the door, and of one length whatever it holds, so it tells nothing about a
 * reduction. The same price for the same pass, target and day gives the same id (the nonce is derived from
 * the content), as a plain look-up did before.
 */
export type SealedPrice = {
  regularPriceCents: number;
  priceCents: number;
  clubShareCents: number;
  municipalityShareCents: number;
  reduced: boolean;
  reason: QuoteReason;
  rule: { id: string; version: number } | null;
};

const REASONS: QuoteReason[] = [
  'regular',
  'reduced',
  'outside_region',
  'no_rule',
  'not_for_category',
  'limit_reached',
];
/** Rule ids are UUIDs or shorter demo ids; padded to this many bytes. */
const RULE_ID_BYTES = 40;
const PAYLOAD_BYTES = 4 * 5 + 2 + 1 + RULE_ID_BYTES;
const NONCE_BYTES = 12;

type Keys = { seal: CryptoKey; nonce: CryptoKey };
const cache = new Map<string, Promise<Keys>>();

function keysFor(secret: string): Promise<Keys> {
  let keys = cache.get(secret);
  if (!keys) {
    const derive = (label: string) =>
      crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${secret}:${label}`));
    keys = (async () => ({
      seal: await crypto.subtle.importKey('raw', await derive('tariff-seal'), 'AES-GCM', false, [
        'encrypt',
        'decrypt',
      ]),
      nonce: await crypto.subtle.importKey(
        'raw',
        await derive('tariff-nonce'),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      ),
    }))();
    cache.set(secret, keys);
  }
  return keys;
}

function encode(p: SealedPrice): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(PAYLOAD_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, p.regularPriceCents);
  view.setUint32(4, p.priceCents);
  view.setUint32(8, p.clubShareCents);
  view.setUint32(12, p.municipalityShareCents);
  view.setUint32(16, p.rule?.version ?? 0);
  view.setUint8(20, p.reduced ? 1 : 0);
  view.setUint8(21, REASONS.indexOf(p.reason));
  const id = new TextEncoder().encode(p.rule?.id ?? '');
  if (id.length > RULE_ID_BYTES) throw new Error('rule id too long for a tariff id');
  view.setUint8(22, id.length);
  bytes.set(id, 23);
  return bytes;
}

function decode(bytes: Uint8Array): SealedPrice | null {
  if (bytes.length !== PAYLOAD_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reason = REASONS[view.getUint8(21)];
  if (!reason) return null;
  const idLength = view.getUint8(22);
  const ruleId = new TextDecoder().decode(bytes.subarray(23, 23 + idLength));
  return {
    regularPriceCents: view.getUint32(0),
    priceCents: view.getUint32(4),
    clubShareCents: view.getUint32(8),
    municipalityShareCents: view.getUint32(12),
    reduced: view.getUint8(20) === 1,
    reason,
    rule: idLength ? { id: ruleId, version: view.getUint32(16) } : null,
  };
}

/** What a tariff id is bound to: the pass, the target and the day it was shown. */
export function sealContext(passNumber: string, target: string, today: string): string {
  return `${passNumber}|${target}|${today}`;
}

export async function sealPrice(secret: string, price: SealedPrice, context: string): Promise<string> {
  const keys = await keysFor(secret);
  const payload = encode(price);
  const aad = new TextEncoder().encode(context);
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', keys.nonce, new Uint8Array([...aad, ...payload])),
  );
  const iv = mac.slice(0, NONCE_BYTES);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, keys.seal, payload),
  );
  return `t_${toBase64Url(new Uint8Array([...iv, ...sealed]))}`;
}

/** The price inside a tariff id, or null when it was not made for this pass, target and day (or not by us). */
export async function openPrice(
  secret: string,
  tariffId: string,
  context: string,
): Promise<SealedPrice | null> {
  if (!tariffId.startsWith('t_')) return null;
  try {
    const bytes = fromBase64Url(tariffId.slice(2));
    const keys = await keysFor(secret);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, NONCE_BYTES), additionalData: new TextEncoder().encode(context) },
      keys.seal,
      bytes.slice(NONCE_BYTES),
    );
    return decode(new Uint8Array(plain));
  } catch {
    return null;
  }
}

/** The part of a quote a tariff id holds. */
export function sealedOf(q: Quote, regularPriceCents: number): SealedPrice {
  return {
    regularPriceCents,
    priceCents: q.priceCents,
    clubShareCents: q.clubShareCents,
    municipalityShareCents: q.municipalityShareCents,
    reduced: q.reduced,
    reason: q.reason,
    rule: q.rule,
  };
}
