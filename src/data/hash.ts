/** SHA-256 checks of data files. */
import { createHash } from 'node:crypto';
import { DataError } from './errors.ts';

/** SHA-256 of `bytes` as lower-case hex. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks `bytes` against the expected SHA-256.
 * @param file  file name for the message
 * @param where the path or URL the bytes came from
 * @throws DataError naming the file, where it came from, and both hashes
 */
export function verifySha256(bytes: Uint8Array, expected: string, file: string, where: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new DataError(
      `SHA-256 mismatch for ${where}: expected ${expected}, got ${actual} ` + '(a corrupt or different version of the file; replace or delete it)',
      { file },
    );
  }
}
