/**
 * The WebAssembly ABI written once: src/kernels/abi.ts declares every export
 * of the core; this test reads that declaration and checks it against the
 * export and type sections of both builds, so a kernel added to
 * assembly/index.ts without its line in abi.ts (or the reverse, or a changed
 * signature) fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ABI_FILE = `${ROOT}src/kernels/abi.ts`;

type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
interface Signature {
  readonly params: ValType[];
  readonly results: ValType[];
}
interface Declared {
  readonly functions: Map<string, Signature>;
  readonly memories: string[];
}

/** WebAssembly value type of an alias in abi.ts. */
const ALIAS: Record<string, ValType> = { Ptr: 'i32', I32: 'i32', F64: 'f64' };

function valType(node: ts.TypeNode | undefined, where: string): ValType {
  const name = node && ts.isTypeReferenceNode(node) ? node.typeName.getText() : node?.getText();
  const t = name === undefined ? undefined : ALIAS[name];
  if (!t) throw new Error(`${where}: type ${name} is not one of ${Object.keys(ALIAS).join(', ')} (src/kernels/abi.ts aliases)`);
  return t;
}

/** The CoreExports interface of abi.ts: its methods with their value types, and its memory properties. */
function declared(): Declared {
  const source = ts.createSourceFile(ABI_FILE, readFileSync(ABI_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const iface = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'CoreExports');
  if (!iface) throw new Error('src/kernels/abi.ts declares no interface CoreExports');
  const functions = new Map<string, Signature>();
  const memories: string[] = [];
  for (const m of iface.members) {
    const name = m.name?.getText(source) ?? '';
    if (ts.isMethodSignature(m)) {
      const params = m.parameters.map((p) => valType(p.type, `${name}(${p.name.getText(source)})`));
      const results = m.type?.kind === ts.SyntaxKind.VoidKeyword ? [] : [valType(m.type, `${name} result`)];
      functions.set(name, { params, results });
    } else if (ts.isPropertySignature(m) && m.type?.getText(source) === 'WebAssembly.Memory') {
      memories.push(name);
    } else {
      throw new Error(`src/kernels/abi.ts: member ${name} is neither a method nor a WebAssembly.Memory`);
    }
  }
  return { functions, memories };
}

const VAL: Record<number, ValType> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };

/** Exported functions with their signatures and exported memories, read from the binary's sections. */
function exported(bytes: Uint8Array): Declared {
  let p = 8; // magic and version
  const uleb = (): number => {
    let r = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++];
      r += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return r;
  };
  const types: Signature[] = [];
  const funcTypes: number[] = []; // type index of every function, imported ones first
  const exportsList: Array<{ name: string; kind: number; index: number }> = [];
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = uleb();
    const end = p + size;
    if (id === 1) {
      for (let n = uleb(), i = 0; i < n; i++) {
        p++; // 0x60 func
        const params = Array.from({ length: uleb() }, () => VAL[bytes[p++]]);
        const results = Array.from({ length: uleb() }, () => VAL[bytes[p++]]);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = uleb(), i = 0; i < n; i++) {
        p += uleb(); // module
        p += uleb(); // field
        const kind = bytes[p++];
        if (kind === 0) funcTypes.push(uleb());
        else throw new Error('the core imports something other than a function; extend this reader');
      }
    } else if (id === 3) {
      for (let n = uleb(), i = 0; i < n; i++) funcTypes.push(uleb());
    } else if (id === 7) {
      for (let n = uleb(), i = 0; i < n; i++) {
        const len = uleb();
        const name = new TextDecoder().decode(bytes.subarray(p, p + len));
        p += len;
        const kind = bytes[p++];
        exportsList.push({ name, kind, index: uleb() });
      }
    }
    p = end;
  }
  const functions = new Map<string, Signature>();
  const memories: string[] = [];
  for (const e of exportsList) {
    if (e.kind === 0) functions.set(e.name, types[funcTypes[e.index]]);
    else if (e.kind === 2) memories.push(e.name);
    else throw new Error(`export ${e.name} is of kind ${e.kind} (not a function or a memory): declare it in src/kernels/abi.ts and in this test`);
  }
  return { functions, memories };
}

const sorted = (m: Map<string, Signature>): Array<[string, Signature]> => [...m].sort(([a], [b]) => a.localeCompare(b));

describe('WebAssembly ABI (src/kernels/abi.ts) against the built cores', () => {
  const abi = declared();

  it('declares the kernels and the memory', () => {
    expect(abi.memories).toEqual(['memory']);
    expect(abi.functions.get('heapBase')).toEqual({ params: [], results: ['i32'] });
    expect(abi.functions.get('fdlibmLog')).toEqual({ params: ['f64'], results: ['f64'] });
    expect(abi.functions.size).toBeGreaterThanOrEqual(9);
  });

  for (const flavour of ['debug', 'release'] as const) {
    it(`build/${flavour}.wasm exports exactly the declared names, argument types and results`, async () => {
      const bytes = readFileSync(`${ROOT}build/${flavour}.wasm`);
      const wasm = exported(bytes);
      const missing = [...abi.functions.keys()].filter((k) => !wasm.functions.has(k));
      const extra = [...wasm.functions.keys()].filter((k) => !abi.functions.has(k));
      expect(
        { missing, extra },
        `build/${flavour}.wasm and src/kernels/abi.ts disagree on the names (rebuild with npm run asbuild:${flavour}, or add the export's line to abi.ts)`,
      ).toEqual({ missing: [], extra: [] });
      expect(sorted(wasm.functions)).toEqual(sorted(abi.functions));
      expect(wasm.memories).toEqual(abi.memories);
      // The instance agrees with the binary reading: same names, same arities.
      const { instance } = await WebAssembly.instantiate(bytes, {});
      const live = instance.exports as Record<string, unknown>;
      expect(Object.keys(live).sort()).toEqual([...abi.functions.keys(), ...abi.memories].sort());
      for (const [name, sig] of abi.functions) expect((live[name] as (...a: number[]) => unknown).length, name).toBe(sig.params.length);
      expect(live.memory).toBeInstanceOf(WebAssembly.Memory);
    });
  }
});
