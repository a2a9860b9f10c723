/**
 * numpy's `Generator(PCG64(SeedSequence(seed)))` in plain TypeScript, bit
 * for bit (specs/random.md): the same seed gives the same raw words, the
 * same uniforms, normals and bounded integers as numpy ≥ 1.17, so a Monte
 * Carlo run can be compared with a Python one value by value.
 *
 * PCG64 keeps its 128-bit state in eight 16-bit limbs held in doubles: every
 * limb product is below 2^32 and every column sum below 2^53, so the LCG step
 * is exact without BigInt in the per-draw path.
 */
import { FI_DOUBLE, KI_DOUBLE, WI_DOUBLE } from './numpy-ziggurat.ts';

const MASK32 = 0xffffffff;

// SeedSequence hashing constants (numpy/random/bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
/** numpy's DEFAULT_POOL_SIZE: words of mixed entropy. */
const POOL_SIZE = 4;

/** A non-negative integer as little-endian 32-bit words (numpy's `_int_to_uint32_array`; 0 gives [0]). */
function intToWords(value: number | bigint, what: string): number[] {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (Number.isSafeInteger(value)) n = BigInt(value);
  else throw new RangeError(`${what} must be a safe integer or a bigint, got ${value}`);
  if (n < 0n) throw new RangeError(`${what} must be non-negative, got ${value}`);
  if (n === 0n) return [0];
  const out: number[] = [];
  for (; n > 0n; n >>= 32n) out.push(Number(n & 0xffffffffn));
  return out;
}

function hashmix(value: number, hash: { c: number }): number {
  let v = (value ^ hash.c) >>> 0;
  hash.c = Math.imul(hash.c, MULT_A) >>> 0;
  v = Math.imul(v, hash.c) >>> 0;
  return (v ^ (v >>> XSHIFT)) >>> 0;
}

function mix(x: number, y: number): number {
  const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (r ^ (r >>> XSHIFT)) >>> 0;
}

/**
 * numpy's `SeedSequence`: entropy (an integer) and a spawn key mixed into a
 * 4-word pool; `generateState` hashes the pool into as many words as needed.
 */
export class SeedSequence {
  readonly entropy: bigint;
  readonly spawnKey: readonly number[];
  /** The mixed entropy pool (4 unsigned 32-bit words). */
  readonly pool: Uint32Array;
  private childrenSpawned = 0;

  constructor(entropy: number | bigint, spawnKey: readonly number[] = []) {
    const run = intToWords(entropy, 'SeedSequence: entropy');
    this.entropy = BigInt(entropy);
    const spawn = spawnKey.flatMap((k, i) => intToWords(k, `SeedSequence: spawn key [${i}]`));
    this.spawnKey = [...spawnKey];
    // With a spawn key, the run entropy is zero-padded to the pool size first.
    while (spawn.length > 0 && run.length < POOL_SIZE) run.push(0);
    const words = [...run, ...spawn];
    const pool = new Uint32Array(POOL_SIZE);
    const hash = { c: INIT_A };
    for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < words.length ? words[i] : 0, hash);
    for (let src = 0; src < POOL_SIZE; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) {
        if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src], hash));
      }
    }
    for (let src = POOL_SIZE; src < words.length; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(words[src], hash));
    }
    this.pool = pool;
  }

  /** `generate_state(nWords, uint32)`; a uint64 word is two of these, low word first. */
  generateState(nWords: number): Uint32Array {
    if (!(Number.isInteger(nWords) && nWords >= 0)) throw new RangeError(`SeedSequence.generateState: nWords must be a non-negative integer, got ${nWords}`);
    const out = new Uint32Array(nWords);
    let hash = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let v = (this.pool[i % POOL_SIZE] ^ hash) >>> 0;
      hash = Math.imul(hash, MULT_B) >>> 0;
      v = Math.imul(v, hash) >>> 0;
      out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
    }
    return out;
  }

  /** `spawn(n)`: children with the same entropy and the spawn key extended by a running counter. */
  spawn(n: number): SeedSequence[] {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`SeedSequence.spawn: n must be a non-negative integer, got ${n}`);
    const out: SeedSequence[] = [];
    for (let i = 0; i < n; i++) out.push(new SeedSequence(this.entropy, [...this.spawnKey, this.childrenSpawned + i]));
    this.childrenSpawned += n;
    return out;
  }
}

/** 128-bit value as eight 16-bit limbs, least significant first. */
function limbs128(x: bigint): Float64Array {
  const out = new Float64Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((x >> BigInt(16 * i)) & 0xffffn);
  return out;
}

// PCG64's default 128-bit LCG multiplier, 2549297995355413924·2^64 + 4865540595714422341,
// appears as its 16-bit limbs inside step().
const LIMB = 65536;

/**
 * numpy's `PCG64` bit generator: 128-bit LCG, XSL-RR output. `nextUint32`
 * returns the low half of a 64-bit draw and keeps the high half for the next
 * 32-bit call, as numpy does (the buffer lives in the bit generator).
 */
export class Pcg64 {
  readonly seedSequence: SeedSequence;
  private readonly state = new Float64Array(8);
  private readonly inc = new Float64Array(8);
  /** High and low 32 bits of the last 64-bit output (unsigned). */
  hi = 0;
  lo = 0;
  private hasUint32 = false;
  private uinteger = 0;

  constructor(seed: number | bigint | SeedSequence) {
    this.seedSequence = seed instanceof SeedSequence ? seed : new SeedSequence(seed);
    const w = this.seedSequence.generateState(8);
    // generate_state(4, uint64) = [s_hi, s_lo, i_hi, i_lo]; each uint64 is (low word, high word).
    const u64 = (k: number) => (BigInt(w[2 * k + 1]) << 32n) | BigInt(w[2 * k]);
    const initState = (u64(0) << 64n) | u64(1);
    const initSeq = (u64(2) << 64n) | u64(3);
    const mod = (1n << 128n) - 1n;
    this.inc.set(limbs128(((initSeq << 1n) | 1n) & mod));
    // pcg_setseq_128_srandom_r: state 0, step, add the initial state, step.
    this.step();
    const s = (this.stateBig() + initState) & mod;
    this.state.set(limbs128(s));
    this.step();
  }

  private stateBig(): bigint {
    let x = 0n;
    for (let i = 7; i >= 0; i--) x = (x << 16n) | BigInt(this.state[i]);
    return x;
  }

  /** state ← state·MULT + inc (mod 2^128), unrolled over the 16-bit limbs (MULT's limbs inlined). */
  private step(): void {
    const s = this.state;
    const c = this.inc;
    const s0 = s[0],
      s1 = s[1],
      s2 = s[2],
      s3 = s[3],
      s4 = s[4],
      s5 = s[5],
      s6 = s[6],
      s7 = s[7];
    let acc: number;
    let q = 0;
    acc = q + c[0] + s0 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[0] = acc - q * LIMB;
    acc = q + c[1] + s0 * 40908 + s1 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[1] = acc - q * LIMB;
    acc = q + c[2] + s0 * 57188 + s1 * 40908 + s2 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[2] = acc - q * LIMB;
    acc = q + c[3] + s0 * 17285 + s1 * 57188 + s2 * 40908 + s3 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[3] = acc - q * LIMB;
    acc = q + c[4] + s0 * 23972 + s1 * 17285 + s2 * 57188 + s3 * 40908 + s4 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[4] = acc - q * LIMB;
    acc = q + c[5] + s0 * 8134 + s1 * 23972 + s2 * 17285 + s3 * 57188 + s4 * 40908 + s5 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[5] = acc - q * LIMB;
    acc = q + c[6] + s0 * 60677 + s1 * 8134 + s2 * 23972 + s3 * 17285 + s4 * 57188 + s5 * 40908 + s6 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[6] = acc - q * LIMB;
    acc = q + c[7] + s0 * 9056 + s1 * 60677 + s2 * 8134 + s3 * 23972 + s4 * 17285 + s5 * 57188 + s6 * 40908 + s7 * 63045;
    q = (acc / LIMB) | 0; // acc < 2^37, so the quotient fits an int32
    s[7] = acc - q * LIMB;
  }

  /** Advances and leaves the 64-bit output in `hi`/`lo`. */
  next64(): void {
    this.step();
    const s = this.state;
    // XSL-RR: (high 64 ^ low 64) rotated right by the top 6 bits of the state.
    let xh = ((s[7] * LIMB + s[6]) ^ (s[3] * LIMB + s[2])) >>> 0;
    let xl = ((s[5] * LIMB + s[4]) ^ (s[1] * LIMB + s[0])) >>> 0;
    let rot = s[7] >>> 10;
    if (rot >= 32) {
      const t = xh;
      xh = xl;
      xl = t;
      rot -= 32;
    }
    if (rot > 0) {
      const h = ((xh >>> rot) | (xl << (32 - rot))) >>> 0;
      const l = ((xl >>> rot) | (xh << (32 - rot))) >>> 0;
      xh = h;
      xl = l;
    }
    this.hi = xh;
    this.lo = xl;
  }

  /** Next 64-bit output as a bigint (tests and diagnostics; the hot paths use `next64`). */
  nextUint64(): bigint {
    this.next64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** Next 32-bit output: the buffered high half if any, else the low half of a new 64-bit draw. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.next64();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** (next_uint64 >> 11)·2^-53, in [0, 1). */
  nextDouble(): number {
    this.next64();
    return (this.hi * 2097152 + (this.lo >>> 11)) / 9007199254740992;
  }
}

/** numpy's ziggurat tail start r and 1/r (distributions.h). */
const ZIGGURAT_NOR_R = 3.6541528853610087963519472518;
const ZIGGURAT_NOR_INV_R = 0.27366123732975827203338247596;

/** Checks `size` of a draw and returns it. */
function checkSize(size: number, what: string): number {
  if (!(Number.isInteger(size) && size >= 0)) throw new RangeError(`${what}: size must be a non-negative integer, got ${size}`);
  return size;
}

/**
 * numpy's `Generator` over {@link Pcg64}: the draws this project uses, each
 * consuming the bit generator exactly as numpy's C code does.
 *
 * @example new NumpyGenerator(42).random() // 0.7739560485559633, as np.random.default_rng(42).random()
 */
export class NumpyGenerator {
  readonly kind = 'numpy' as const;
  readonly bitGenerator: Pcg64;

  /** @param seed a non-negative integer (as `default_rng(seed)`) or a SeedSequence. */
  constructor(seed: number | bigint | SeedSequence) {
    this.bitGenerator = new Pcg64(seed);
  }

  /** `random()`: uniform in [0, 1) with 53 bits. */
  random(): number {
    return this.bitGenerator.nextDouble();
  }

  /** `uniform(lo, hi)` = lo + (hi − lo)·random(). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.bitGenerator.nextDouble();
  }

  /** `standard_normal()`: numpy's 256-layer ziggurat on 64-bit draws. */
  standardNormal(): number {
    const bg = this.bitGenerator;
    for (;;) {
      bg.next64();
      const lo = bg.lo;
      const idx = lo & 0xff;
      // rabs = bits 9…60 of the draw; the sign is bit 8.
      const rabs = (bg.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
      let x = rabs * WI_DOUBLE[idx];
      if (lo & 0x100) x = -x;
      if (rabs < KI_DOUBLE[idx]) return x;
      if (idx === 0) {
        for (;;) {
          // 1 − U avoids log(0) (numpy GH 13361).
          const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-bg.nextDouble());
          const yy = -Math.log1p(-bg.nextDouble());
          if (yy + yy > xx * xx) return (lo >>> 17) & 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
        }
      } else if ((FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * bg.nextDouble() + FI_DOUBLE[idx] < Math.exp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /** `normal(loc, scale, size)`: loc + scale·standard_normal, element by element. */
  normal(loc: number, scale: number, size: number): Float64Array {
    if (!(scale >= 0)) throw new RangeError(`NumpyGenerator.normal: scale must be ≥ 0, got ${scale}`);
    const out = new Float64Array(checkSize(size, 'NumpyGenerator.normal'));
    for (let i = 0; i < out.length; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  /**
   * `integers(0, high, size)` for 1 ≤ high ≤ 2^31: numpy's bounded method for
   * ranges below 2^32 — Lemire's multiply-and-reject on 32-bit draws
   * (`random_bounded_uint64_fill` with `buffered_bounded_lemire_uint32`).
   */
  integers(high: number, size: number): Int32Array {
    if (!(Number.isInteger(high) && high >= 1 && high <= 2 ** 31)) {
      throw new RangeError(`NumpyGenerator.integers: high must be an integer in [1, 2^31], got ${high}`);
    }
    const out = new Int32Array(checkSize(size, 'NumpyGenerator.integers'));
    const rng = high - 1; // numpy draws on the closed range [0, high − 1]
    if (rng === 0) return out; // no draws at all
    const bg = this.bitGenerator;
    const threshold = (MASK32 - rng) % high;
    for (let i = 0; i < out.length; i++) {
      let [mHi, leftover] = mul32(bg.nextUint32(), high);
      if (leftover < high) {
        while (leftover < threshold) [mHi, leftover] = mul32(bg.nextUint32(), high);
      }
      out[i] = mHi;
    }
    return out;
  }

  /** `choice(k, size, replace=True)` over 0…k−1 (an integer k), or over the elements of an array. */
  choice(k: number, size: number): Int32Array;
  choice<T>(items: readonly T[], size: number): T[];
  choice<T>(a: number | readonly T[], size: number): Int32Array | T[] {
    if (typeof a === 'number') return this.integers(a, size);
    if (a.length === 0) throw new RangeError('NumpyGenerator.choice: cannot choose from an empty array');
    return Array.from(this.integers(a.length, size), (i) => a[i]);
  }

  /** `spawn(1)[0]`: an independent child generator (the parent's draws are not consumed). */
  spawn(): NumpyGenerator {
    return new NumpyGenerator(this.bitGenerator.seedSequence.spawn(1)[0]);
  }
}

/** (a·b) for a, b < 2^32 as [high 32 bits, low 32 bits], exact in doubles. */
function mul32(a: number, b: number): [number, number] {
  const highPart = (a >>> 16) * b; // < 2^48, weight 2^16
  const low = (highPart % 65536) * 65536 + (a & 0xffff) * b; // < 2^49
  return [Math.floor(highPart / 65536) + Math.floor(low / 4294967296), low % 4294967296];
}
