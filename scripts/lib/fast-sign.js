// Signing one call for one sr25519 sender at any nonce without polkadot.js's type machinery
// per transaction: polkadot.js builds and signs the transaction at two nonces once, and every
// later nonce only splices its SCALE compact into the two byte templates (the signing payload
// and the extrinsic) and signs. Polkadot.js signs ~150 transactions a second on a busy 2-core
// machine, fewer than a block of swaps holds in a 6 s slot; this signs thousands.
//
// The templates are checked byte for byte: rebuilding both probes from them must give exactly
// what polkadot.js produced, or `nonceSigner` throws (callers fall back to `signAsync`).
import { compactAddLength, compactStripLength, compactToU8a, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

const SR25519 = 1; // `MultiSignature::Sr25519`

/** Index of `needle` in `haystack`, or -1. */
export function indexOfBytes(haystack, needle, from = 0) {
  outer: for (let i = from; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** First index at or after `from` where `a` and `b` differ, or -1. */
function firstDifference(a, b, from = 0) {
  for (let i = from; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

/**
 * Splits `bytes` (which holds `compactToU8a(nonce)` at `at`) into the parts before and after it.
 * Throws if the nonce is not encoded there.
 */
function splitAtNonce(bytes, at, nonce) {
  const encoded = compactToU8a(nonce);
  if (!u8aEq(bytes.subarray(at, at + encoded.length), encoded)) throw new Error('nonce not where expected');
  return [bytes.slice(0, at), bytes.slice(at + encoded.length)];
}

/** What substrate signs for a payload: the payload, or its blake2-256 when longer than 256 bytes. */
export function signingMessage(payload) {
  return payload.length > 256 ? blake2AsU8a(payload, 256) : payload;
}

/**
 * Returns `sign(nonce) -> hex`, the immortal signed extrinsic of the call `build()` makes (a new
 * unsigned `api.tx...` each time) by the sr25519 `pair` at `nonce`.
 * `probeNonce` and `probeNonce + 1` are signed through polkadot.js to build the templates; both
 * must encode to compacts of one length (any nonce below 63 or in 64..16382 does).
 */
export async function nonceSigner(api, build, pair, probeNonce = 0) {
  const probe = async (nonce) => {
    let payload;
    let signature;
    const signer = {
      signPayload: async (json) => {
        payload = api.registry.createType('ExtrinsicPayload', json, { version: json.version }).toU8a({ method: true });
        signature = u8aConcat([SR25519], pair.sign(signingMessage(payload)));
        return { id: 1, signature: u8aToHex(signature) };
      },
    };
    const tx = build();
    await tx.signAsync(pair.address, { signer, nonce, era: 0 });
    const [, body] = compactStripLength(tx.toU8a());
    return { payload, signature, body };
  };
  const a = await probe(probeNonce);
  const b = await probe(probeNonce + 1);
  if (compactToU8a(probeNonce).length !== compactToU8a(probeNonce + 1).length) {
    throw new Error('probe nonces encode to compacts of different lengths');
  }

  // The payloads differ only in the nonce.
  const payloadAt = firstDifference(a.payload, b.payload);
  if (payloadAt < 0) throw new Error('payloads do not depend on the nonce');
  const [payloadHead, payloadTail] = splitAtNonce(a.payload, payloadAt, probeNonce);

  // The extrinsics differ in the signature and, after it, in the nonce.
  const sigAt = indexOfBytes(a.body, a.signature);
  if (sigAt < 0 || indexOfBytes(b.body, b.signature) !== sigAt) throw new Error('signature not found in the extrinsic');
  const afterSig = sigAt + a.signature.length;
  const bodyAt = firstDifference(a.body, b.body, afterSig);
  if (bodyAt < 0) throw new Error('extrinsics do not depend on the nonce');
  const [beforeNonce, bodyTail] = splitAtNonce(a.body, bodyAt, probeNonce);
  const bodyHead = beforeNonce.slice(0, sigAt);
  const betweenSigAndNonce = beforeNonce.slice(afterSig);

  const payloadOf = (nonce) => u8aConcat(payloadHead, compactToU8a(nonce), payloadTail);
  const bodyOf = (nonce, signature) => u8aConcat(bodyHead, signature, betweenSigAndNonce, compactToU8a(nonce), bodyTail);
  for (const [nonce, p] of [[probeNonce, a], [probeNonce + 1, b]]) {
    if (!u8aEq(payloadOf(nonce), p.payload) || !u8aEq(bodyOf(nonce, p.signature), p.body)) {
      throw new Error('templates do not rebuild the probes');
    }
  }

  return (nonce) => {
    const signature = u8aConcat([SR25519], pair.sign(signingMessage(payloadOf(nonce))));
    return u8aToHex(compactAddLength(bodyOf(nonce, signature)));
  };
}
