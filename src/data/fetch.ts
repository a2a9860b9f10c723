/**
 * Downloading a published file into the cache: fetch, check SHA-256, write a
 * temporary file beside the target, then rename it into place (so a reader
 * never sees a half-written file).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from './errors.ts';
import { verifySha256 } from './hash.ts';

/** The part of a fetch `Response` that is used. */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of the global `fetch` that is used; tests pass a fake. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<FetchResponseLike>;

/** Give up on a download after this many milliseconds. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;

/** Why a download failed without being the file's fault (network, HTTP status). */
export class DownloadFailure extends Error {
  override name = 'DownloadFailure';
}

/**
 * Fetches `url` and returns its bytes.
 * @throws DownloadFailure on a network error, timeout or non-2xx status
 */
export async function fetchBytes(url: string, fetchImpl: FetchLike, timeoutMs: number): Promise<Uint8Array> {
  let response: FetchResponseLike;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DownloadFailure(`the download from ${url} failed: ${reason}`, { cause: err });
  }
  if (!response.ok) {
    throw new DownloadFailure(`the download from ${url} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DownloadFailure(`the download from ${url} broke off: ${reason}`, { cause: err });
  }
}

/**
 * Downloads `url` into `dir/file` after checking its SHA-256.
 * @returns the path written
 * @throws DownloadFailure when the bytes cannot be fetched
 * @throws DataError when the bytes fail the checksum (nothing is written) or the cache cannot be written
 */
export async function downloadToCache(
  url: string,
  dir: string,
  file: string,
  sha256: string,
  fetchImpl: FetchLike,
  timeoutMs: number = DEFAULT_DOWNLOAD_TIMEOUT_MS,
): Promise<string> {
  const bytes = await fetchBytes(url, fetchImpl, timeoutMs);
  verifySha256(bytes, sha256, file, url);
  const target = join(dir, file);
  const temp = join(dir, `.${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new DataError(
      `downloaded, but could not write the cache file ${target}: ${reason} ` + '(set SCALING_FIT_CACHE to a writable folder, or pass --data-dir DIR)',
      { file, cause: err },
    );
  }
  return target;
}
