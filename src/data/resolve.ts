/**
 * Finding a published data file: a local copy if there is one, else a
 * download into the cache. Every copy, local or downloaded, must match its
 * SHA-256. Nothing is ever written into a data directory (only the cache).
 *
 * Search order:
 * 1. the `dataDir` option (the CLI's `--data-dir DIR`);
 * 2. the `SCALING_DATA_DIR` environment variable;
 * 3. the cache: the `cacheDir` option, else `SCALING_FIT_CACHE`, else {@link DEFAULT_CACHE_DIR};
 * 4. a download from the public URL into the cache (unless `allowDownload` is false).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { DataError, DataUnavailableError } from './errors.ts';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DownloadFailure, downloadToCache, type FetchLike } from './fetch.ts';
import { verifySha256 } from './hash.ts';
import { dataSource } from './sources.ts';

/** Environment variable naming a folder of local copies. */
export const DATA_DIR_ENV = 'SCALING_DATA_DIR';
/** Environment variable naming the download cache. */
export const CACHE_DIR_ENV = 'SCALING_FIT_CACHE';
/** The cache when neither the option nor {@link CACHE_DIR_ENV} is set: `~/.cache/scaling-fit`. */
export const DEFAULT_CACHE_DIR = join(homedir(), '.cache', 'scaling-fit');
/** Download when no local copy exists. */
export const DEFAULT_ALLOW_DOWNLOAD = true;

/** Where to look for a published file; every field is optional. */
export interface ResolveDataOptions {
  /** Folder of local copies, searched first (`--data-dir`). Never written to. */
  readonly dataDir?: string;
  /** Download cache. Default: `$SCALING_FIT_CACHE`, else {@link DEFAULT_CACHE_DIR}. */
  readonly cacheDir?: string;
  /** Download when there is no local copy. Default {@link DEFAULT_ALLOW_DOWNLOAD}. */
  readonly allowDownload?: boolean;
  /** Fetch implementation. Default: the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Download timeout. Default {@link DEFAULT_DOWNLOAD_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Environment to read {@link DATA_DIR_ENV} and {@link CACHE_DIR_ENV} from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Where a file was found. */
export type DataOrigin = 'data-dir' | 'env' | 'cache' | 'download';

/** A verified copy of a published file. */
export interface ResolvedDataFile {
  readonly file: string;
  readonly path: string;
  readonly origin: DataOrigin;
  readonly sha256: string;
}

async function readIfPresent(path: string, file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    const reason = err instanceof Error ? err.message : String(err);
    throw new DataError(`cannot read the local copy ${path}: ${reason}`, { file, cause: err });
  }
}

/**
 * Returns a verified local path for a published file, downloading it into
 * the cache if needed.
 *
 * @param file a file name from `DATA_SOURCES`
 * @throws DataError for an unknown name, a local or downloaded copy whose
 *   SHA-256 differs (naming the file and both hashes), or an unwritable cache
 * @throws DataUnavailableError when there is no local copy and the download
 *   is disabled or fails
 */
export async function resolveDataFile(file: string, options: ResolveDataOptions = {}): Promise<ResolvedDataFile> {
  const source = dataSource(file);
  const env = options.env ?? process.env;
  const envCache = env[CACHE_DIR_ENV];
  const cacheDir = resolvePath(options.cacheDir ?? (envCache !== undefined && envCache !== '' ? envCache : DEFAULT_CACHE_DIR));
  const envDataDir = env[DATA_DIR_ENV];

  const candidates: Array<{ origin: DataOrigin; label: string; dir: string | undefined }> = [
    { origin: 'data-dir', label: '--data-dir', dir: options.dataDir },
    { origin: 'env', label: DATA_DIR_ENV, dir: envDataDir === '' ? undefined : envDataDir },
    { origin: 'cache', label: 'cache', dir: cacheDir },
  ];
  const searched: string[] = [];
  for (const c of candidates) {
    if (c.dir === undefined) {
      searched.push(`${c.label} (not set)`);
      continue;
    }
    const path = join(resolvePath(c.dir), file);
    const bytes = await readIfPresent(path, file);
    if (bytes === null) {
      searched.push(`${c.label} ${path} (not found)`);
      continue;
    }
    verifySha256(bytes, source.sha256, file, path);
    return { file, path, origin: c.origin, sha256: source.sha256 };
  }

  if (!(options.allowDownload ?? DEFAULT_ALLOW_DOWNLOAD)) {
    throw new DataUnavailableError(file, searched, `downloading is turned off (from ${source.url})`);
  }
  const fetchImpl: FetchLike = options.fetch ?? globalThis.fetch;
  try {
    const path = await downloadToCache(source.url, cacheDir, file, source.sha256, fetchImpl, options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS);
    return { file, path, origin: 'download', sha256: source.sha256 };
  } catch (err) {
    if (err instanceof DownloadFailure) throw new DataUnavailableError(file, searched, err.message, err.cause ?? err);
    throw err;
  }
}
