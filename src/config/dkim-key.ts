// The DKIM signing key is named by a file path (DOCKET_DKIM_PRIVATE_KEY_FILE), never put in the
// environment itself. It is read and checked once at start, so a bad key stops Docket with a message
// instead of every email failing to sign later.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError, quote } from '../errors.js';

const field = 'DOCKET_DKIM_PRIVATE_KEY_FILE';

/** Returns the PEM text of an RSA private key of at least 1024 bits (nodemailer signs with rsa-sha256 only). */
export function readDkimKey(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('validation', `${field} ${quote(file)} cannot be read (${reason})`, { field, value: file, cause: error });
  }
  const problem = keyProblem(pem);
  if (problem) throw new AppError('validation', `${field} ${quote(file)} ${problem}`, { field, value: file });
  return pem;
}

function keyProblem(pem: string): string | null {
  if (!/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    return 'is not a PEM private key (expected a "-----BEGIN PRIVATE KEY-----" block; `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048` makes one)';
  }
  let key;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    return `holds a PEM block that is not a usable private key (${(error as Error).message}); an encrypted key must be decrypted first`;
  }
  if (key.asymmetricKeyType !== 'rsa') return `holds a ${key.asymmetricKeyType} key; DKIM signing here needs an RSA key`;
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) return `holds a ${bits}-bit RSA key; receivers ignore DKIM keys under 1024 bits (use 2048)`;
  return null;
}
