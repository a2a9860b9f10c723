// ml-matrix ships CommonJS and UMD builds only; a bundler handles that, but a
// page without one cannot import it. Loading the UMD build as a module sets
// globalThis.mlMatrix; this re-exports what the library uses.
import '../../node_modules/ml-matrix/matrix.umd.js';

const mlMatrix = globalThis.mlMatrix;
export const { Matrix, EigenvalueDecomposition, SingularValueDecomposition, QrDecomposition, LuDecomposition, CholeskyDecomposition, inverse, solve } = mlMatrix;
export default mlMatrix;
