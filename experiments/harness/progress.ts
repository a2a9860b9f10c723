/** How experiments report progress (the harness's reporters implement it: experiments/harness/progress-reporters.ts). */

/** One unit of progress reporting (a sweep, a set of fits). */
export interface ProgressTask {
  /** Marks `n` (default 1) more items done. */
  tick(n?: number): void;
  /** Marks the task finished. */
  done(): void;
}

/** Where an experiment reports progress; the CLI decides how (bars, lines, nothing). */
export interface Progress {
  /** Starts a task of `total` items, e.g. `start('width sweep', 20)`. */
  start(label: string, total: number): ProgressTask;
}

/** A progress sink that reports nothing (tests, library use). */
export const SILENT_PROGRESS: Progress = Object.freeze({
  start: () => ({ tick: () => undefined, done: () => undefined }),
});
