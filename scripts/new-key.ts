/**
 * Prints a new signing key (an Ed25519 private JWK with a fresh kid) for production:
 *   npm run keys:new            -> a one-key set to pipe into `wrangler secret put SIGNING_KEYS`
 *   npm run keys:new -- '<current SIGNING_KEYS>'  -> the new key first, the old ones kept to verify (rotation)
 */
import { generateSigningKey } from '../src/auth/jwt.ts';

const previous = process.argv[2] ? (JSON.parse(process.argv[2]) as unknown[]) : [];
console.log(JSON.stringify([await generateSigningKey(), ...previous]));
