/**
 * How the CLI shows progress: bars on a terminal (cli-progress), sparse
 * plain lines otherwise (CI logs), nothing in tests. Experiments only see
 * the `Progress` interface.
 */
import cliProgress from 'cli-progress';
import type { Progress, ProgressTask } from './progress.ts';

/** A progress sink that can also print log lines without breaking bars. */
export interface Reporter {
  /** Progress for one experiment; task labels are prefixed with `prefix`. */
  forExperiment(prefix: string): Progress;
  /** A log line (bars are redrawn below it). */
  log(line: string): void;
  /** Overall progress over experiments. */
  overall(total: number): ProgressTask;
  stop(): void;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Terminal bars: one overall bar plus one bar per running task, removed when it finishes. */
export function barReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: ' {label} |{bar}| {value}/{total} {percentage}% | {duration_formatted}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const makeTask = (label: string, total: number, keep: boolean): ProgressTask => {
    const bar = multi.create(Math.max(total, 1), 0, { label });
    let finished = false;
    return {
      tick: (n = 1) => bar.increment(n),
      done: () => {
        if (finished) return;
        finished = true;
        bar.update(Math.max(total, 1));
        if (!keep) multi.remove(bar);
      },
    };
  };
  return {
    forExperiment: (prefix) => ({ start: (label, total) => makeTask(`${prefix} ${label}`.padEnd(32).slice(0, 32), total, false) }),
    log: (line) => multi.log(line.endsWith('\n') ? line : line + '\n'),
    overall: (total) => makeTask('experiments'.padEnd(32), total, true),
    stop: () => {
      multi.update(); // flush log lines still queued for the next redraw
      multi.stop();
    },
  };
}

/** Plain lines for non-terminals: a line when a task finishes and at most one every `intervalMs` while it runs. */
export function lineReporter(write: (line: string) => void = (l) => process.stderr.write(l + '\n'), intervalMs = 15_000): Reporter {
  const makeTask = (label: string, total: number, quietDone: boolean): ProgressTask => {
    const t0 = performance.now();
    let last = t0;
    let value = 0;
    let finished = false;
    return {
      tick: (n = 1) => {
        value += n;
        const now = performance.now();
        if (now - last >= intervalMs && value < total) {
          last = now;
          write(`${label}: ${value}/${total} (${Math.round((100 * value) / total)} %, ${seconds(now - t0)})`);
        }
      },
      done: () => {
        if (finished) return;
        finished = true;
        if (!quietDone) write(`${label}: ${value}/${total} done (${seconds(performance.now() - t0)})`);
      },
    };
  };
  return {
    forExperiment: (prefix) => ({ start: (label, total) => makeTask(`${prefix} ${label}`, total, false) }),
    log: write,
    overall: (total) => makeTask('experiments', total, true),
    stop: () => undefined,
  };
}
