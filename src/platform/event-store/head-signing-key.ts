import {
  KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from './hash-chain';

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** RFC 7638 thumbprint: SHA-256 over the required members in sorted order, base64url. */
export function keyIdOf(jwk: Ed25519PublicJwk): string {
  return createHash('sha256')
    .update(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest('base64url');
}

/** Throws when the value is not an Ed25519 public JWK that node:crypto accepts. */
function publicKeyFromJwk(jwk: Ed25519PublicJwk): KeyObject {
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new Error('Not an Ed25519 public JWK');
  }
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
}

/** Ed25519 signature (base64url) of `message`; the scheme hashes internally, hence `null`. */
export function verifySignature(
  jwk: Ed25519PublicJwk,
  message: string,
  signature: string,
): boolean {
  try {
    return verify(
      null,
      Buffer.from(message),
      publicKeyFromJwk(jwk),
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** The key that signs log heads. */
export class HeadSigningKey {
  readonly publicJwk: Ed25519PublicJwk;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(`The head signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
    }
    const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
    this.publicJwk = { kty: 'OKP', crv: 'Ed25519', x: x as string };
    this.keyId = keyIdOf(this.publicJwk);
  }

  static generate(): HeadSigningKey {
    return new HeadSigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  static fromPem(pem: string): HeadSigningKey {
    return new HeadSigningKey(createPrivateKey(pem));
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message), this.privateKey).toString('base64url');
  }
}

/**
 * The head signing key: SIGNING_KEY_FILE (PKCS#8 PEM) if set, else one generated on first run
 * and kept beside the database (mode 0600), as the JWT secret is, so heads signed before a
 * restart still verify after it. A configured file must exist: generating one there would hide
 * a wrong path behind a fresh key that no outside copy of a head knows.
 */
export function loadHeadSigningKey(
  configuredFile: string | undefined,
  sqlitePath: string,
): HeadSigningKey {
  if (configuredFile) return HeadSigningKey.fromPem(readFileSync(configuredFile, 'utf8'));
  const file = join(dirname(sqlitePath), 'log-head-signing-key.pem');
  if (existsSync(file)) return HeadSigningKey.fromPem(readFileSync(file, 'utf8'));
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return new HeadSigningKey(privateKey);
}
