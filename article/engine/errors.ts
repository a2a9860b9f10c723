/**
 * Build errors. A `MissingResultError` means an experiment output the article
 * needs does not exist yet (or lacks a column); everything else that goes
 * wrong is a `BuildError` with a message naming the file, key or line.
 */

/** An experiment output (file, key, column or row) is not available. */
export class MissingResultError extends Error {
  override name = 'MissingResultError';
  constructor(
    message: string,
    /** Experiment number whose output is missing. */
    readonly experiment: number,
    /** The file (or file#key) that is missing. */
    readonly what: string,
  ) {
    super(message);
  }
}

/** A problem in the article sources or the assembled page. */
export class BuildError extends Error {
  override name = 'BuildError';
}

/** Collected problems of one build stage, reported together. */
export class BuildErrors extends Error {
  override name = 'BuildErrors';
  constructor(
    readonly stage: string,
    readonly problems: readonly string[],
  ) {
    super(`${stage}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n  - ${problems.join('\n  - ')}`);
  }
}
