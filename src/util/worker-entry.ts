/**
 * Worker entry of {@link createWorkerPool} (src/util/worker-pool.ts): runs one
 * chunk of inputs through an exported task function. Each task module is
 * imported once per worker and cached.
 */
import type { WorkerChunk } from './worker-pool.ts';

const modules = new Map<string, Promise<Record<string, unknown>>>();

export default async function runChunk({ module, name, inputs }: WorkerChunk): Promise<unknown[]> {
  let loaded = modules.get(module);
  if (!loaded) {
    loaded = import(module) as Promise<Record<string, unknown>>;
    modules.set(module, loaded);
  }
  const fn = (await loaded)[name];
  if (typeof fn !== 'function') throw new TypeError(`task ${name} is not an exported function of ${module}`);
  const out: unknown[] = [];
  for (const input of inputs) out.push(await (fn as (x: unknown) => unknown)(input));
  return out;
}
