/** Shapes used by several layers of the library. */

/** Numbers by index: a plain array or any typed array. */
export type NumArray = ArrayLike<number>;
