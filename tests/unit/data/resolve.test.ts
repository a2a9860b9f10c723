import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataError, DataUnavailableError, dataSource, resolveDataFile, type FetchLike, type FetchResponseLike } from '../../../src/data/index.ts';
import { haveRealData, makeTempDir, removeDir, SHARED_DATA_DIR } from './helpers.ts';

const FILE = 'llama_3_isoflops.csv';
/** The search order and the download tests use the real file's bytes; the checksum and error tests do not. */
const HAVE_DATA = haveRealData([FILE], 'resolveDataFile on the real Llama 3 file');
const { url: URL_OF_FILE, sha256: SHA } = dataSource(FILE);

let tmp: string;
let cacheDir: string;
let dataDir: string;
beforeEach(async () => {
  tmp = await makeTempDir();
  cacheDir = join(tmp, 'cache');
  dataDir = join(tmp, 'data');
  await mkdir(dataDir);
});
afterEach(() => removeDir(tmp));

/** A fake fetch that serves `body` (or fails) and records the URLs it was asked for. */
function fakeFetch(serve: { body?: Uint8Array; status?: number; error?: Error }): FetchLike & { urls: string[] } {
  const urls: string[] = [];
  const f = async (url: string): Promise<FetchResponseLike> => {
    urls.push(url);
    if (serve.error) throw serve.error;
    const status = serve.status ?? 200;
    const body = serve.body ?? new Uint8Array();
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: status === 404 ? 'Not Found' : 'OK',
      arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    };
  };
  return Object.assign(f, { urls });
}

const unused = fakeFetch({ error: new Error('fetch must not be called') });

describe.skipIf(!HAVE_DATA)('resolveDataFile search order', () => {
  it('takes the dataDir option first', async () => {
    const r = await resolveDataFile(FILE, { dataDir: SHARED_DATA_DIR, cacheDir, env: {}, fetch: unused });
    expect(r).toEqual({ file: FILE, path: join(SHARED_DATA_DIR, FILE), origin: 'data-dir', sha256: SHA });
    expect(unused.urls).toEqual([]);
  });

  it('falls back to SCALING_DATA_DIR', async () => {
    const r = await resolveDataFile(FILE, { cacheDir, env: { SCALING_DATA_DIR: SHARED_DATA_DIR }, fetch: unused });
    expect([r.origin, r.path]).toEqual(['env', join(SHARED_DATA_DIR, FILE)]);
  });

  it('looks in SCALING_DATA_DIR when the dataDir option lacks the file', async () => {
    const r = await resolveDataFile(FILE, { dataDir, cacheDir, env: { SCALING_DATA_DIR: SHARED_DATA_DIR }, fetch: unused });
    expect(r.origin).toBe('env');
  });

  it('then uses the cache, taken from SCALING_FIT_CACHE when no cacheDir is given', async () => {
    await mkdir(cacheDir);
    await copyFile(join(SHARED_DATA_DIR, FILE), join(cacheDir, FILE));
    const r = await resolveDataFile(FILE, { env: { SCALING_FIT_CACHE: cacheDir }, fetch: unused });
    expect([r.origin, r.path]).toEqual(['cache', join(cacheDir, FILE)]);
  });
});

describe('resolveDataFile checksums', () => {
  it('rejects a local copy whose SHA-256 differs, naming the file and both hashes', async () => {
    await writeFile(join(dataDir, FILE), 'source,loss\nx,1\n');
    const err = await resolveDataFile(FILE, { dataDir, cacheDir, env: {}, fetch: unused }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err).not.toBeInstanceOf(DataUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toMatch(new RegExp(`^${FILE}: SHA-256 mismatch for ${join(dataDir, FILE).replace(/[.\\]/g, '\\$&')}: expected ${SHA}, got [0-9a-f]{64} `));
    expect(unused.urls).toEqual([]);
  });

  it('rejects a corrupt cached copy rather than trusting it', async () => {
    await mkdir(cacheDir);
    await writeFile(join(cacheDir, FILE), 'garbage');
    await expect(resolveDataFile(FILE, { cacheDir, env: {}, fetch: unused })).rejects.toThrow(`${FILE}: SHA-256 mismatch for ${join(cacheDir, FILE)}`);
  });
});

describe('resolveDataFile download', () => {
  it.skipIf(!HAVE_DATA)('downloads into the cache from the public URL when there is no local copy', async () => {
    const body = await readFile(join(SHARED_DATA_DIR, FILE));
    const f = fakeFetch({ body });
    const r = await resolveDataFile(FILE, { dataDir, cacheDir, env: {}, fetch: f });
    expect(f.urls).toEqual([URL_OF_FILE]);
    expect([r.origin, r.path]).toEqual(['download', join(cacheDir, FILE)]);
    expect(await readFile(r.path)).toEqual(body);
    expect(await readdir(cacheDir)).toEqual([FILE]); // the temporary file was renamed, not left behind
    expect(await readdir(dataDir)).toEqual([]); // never writes into the data directory
    // the next call finds the cached copy without the network
    expect((await resolveDataFile(FILE, { dataDir, cacheDir, env: {}, fetch: unused })).origin).toBe('cache');
  });

  it('rejects downloaded bytes whose SHA-256 differs and writes nothing', async () => {
    const f = fakeFetch({ body: new TextEncoder().encode('<html>rate limited</html>') });
    await expect(resolveDataFile(FILE, { cacheDir, env: {}, fetch: f })).rejects.toThrow(`${FILE}: SHA-256 mismatch for ${URL_OF_FILE}: expected ${SHA}`);
    await expect(readdir(cacheDir)).rejects.toThrow(); // cache folder never created
  });

  it('says which file, where it looked and how to point at a local copy when offline', async () => {
    const f = fakeFetch({ error: new TypeError('fetch failed') });
    const err = await resolveDataFile(FILE, { dataDir, cacheDir, env: {}, fetch: f }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataUnavailableError);
    expect((err as Error).message).toBe(
      `${FILE}: not available: no local copy (looked in --data-dir ${join(dataDir, FILE)} (not found); ` +
        `SCALING_DATA_DIR (not set); cache ${join(cacheDir, FILE)} (not found)) and ` +
        `the download from ${URL_OF_FILE} failed: fetch failed. ` +
        `Pass --data-dir DIR or set SCALING_DATA_DIR to a folder that holds ${FILE}.`,
    );
  });

  it('reports an HTTP error status as unavailable', async () => {
    const f = fakeFetch({ status: 404 });
    await expect(resolveDataFile(FILE, { cacheDir, env: {}, fetch: f })).rejects.toThrow(
      `the download from ${URL_OF_FILE} failed: HTTP 404 Not Found. Pass --data-dir DIR or set SCALING_DATA_DIR`,
    );
  });

  it('does not download when downloads are turned off', async () => {
    const err = await resolveDataFile(FILE, { cacheDir, env: {}, allowDownload: false, fetch: unused }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataUnavailableError);
    expect((err as Error).message).toContain('downloading is turned off');
    expect(unused.urls).toEqual([]);
  });
});
