// Worker entry of the experiment task pool (see pool.ts). Plain JavaScript so
// that it loads before any TypeScript support exists in this thread; it then
// registers tsx, so task modules and the library load from their .ts sources.
// Each task module is imported once per worker and cached.
import { register } from 'tsx/esm/api';

register();

const modules = new Map();

export default async function runChunk({ module, name, inputs }) {
  let loaded = modules.get(module);
  if (!loaded) {
    loaded = import(module);
    modules.set(module, loaded);
  }
  const mod = await loaded;
  const fn = mod[name];
  if (typeof fn !== 'function') {
    throw new TypeError(`task ${name} is not an exported function of ${module}`);
  }
  const out = [];
  for (const input of inputs) out.push(await fn(input));
  return out;
}
