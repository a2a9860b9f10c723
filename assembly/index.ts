// The WebAssembly ABI: every function JS can call. Arguments are byte
// offsets into this module's memory, counts and scalars; no objects cross.
export { lossBatch, rss5 } from './loss';
export { vpnlsGrid, gridScratchBytes } from './vpnls-grid';
export { vpnlsPoint, pointScratchBytes } from './vpnls-point';
export { jacobian5, rssGradient5 } from './numdiff';
export { a3Grid, a3GridScratchBytes, a3Objective } from './approach3';
export { logScalar as fdlibmLog } from './simd-math';

// First byte free for the caller's buffers (16-byte aligned).
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
