import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputWriter, PLOTLY_ASSET_NAME, plotlySourcePath } from '../../../../experiments/harness/output/index.ts';
import { makeTempDir, removeDir } from '../../helpers.ts';

let root: string;
beforeEach(async () => {
  root = await makeTempDir('scaling-fit-writer-');
});
afterEach(async () => {
  await removeDir(root);
});

const FIGURE = { data: [{ type: 'scatter', x: [1, 2], y: [3, NaN], name: 'a', marker: undefined }], layout: { title: { text: 't' } } };

describe('OutputWriter', () => {
  it('writes CSV, JSON, text and figures into the target folder on commit', async () => {
    const w = await OutputWriter.open(root, 'experiments/exp9');
    await w.csv('t.csv', { columns: ['x'], rows: [{ x: 1e17 }] });
    await w.json('summary.json', { experiment: 9, v: NaN });
    await w.text('report.md', '# hi');
    await w.figure('fig', FIGURE);
    await expect(stat(join(root, 'experiments/exp9'))).rejects.toThrow();
    expect(await w.commit()).toEqual(['t.csv', 'summary.json', 'report.md', 'fig.json', 'fig.html']);
    const dir = join(root, 'experiments/exp9');
    expect((await readdir(dir)).sort()).toEqual(['fig.html', 'fig.json', 'report.md', 'summary.json', 't.csv']);
    expect(await readFile(join(dir, 't.csv'), 'utf8')).toBe('x\n1e+17\n');
    expect(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'))).toEqual({ experiment: 9, v: null });
    expect(JSON.parse(await readFile(join(dir, 'fig.json'), 'utf8'))).toEqual({
      data: [{ type: 'scatter', x: [1, 2], y: [3, null], name: 'a' }],
      layout: { title: { text: 't' } },
    });
    expect((await readdir(join(root, 'experiments'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('loads plotly.js in the HTML from one shared copy by a relative path', async () => {
    const w = await OutputWriter.open(root, 'experiments/exp9');
    await w.figure('fig', FIGURE, 'Experiment 9: fig');
    await w.commit();
    const html = await readFile(join(root, 'experiments/exp9/fig.html'), 'utf8');
    const src = /<script src="([^"]+)"><\/script>/.exec(html)?.[1];
    expect(src).toBe(`../../${PLOTLY_ASSET_NAME}`);
    const shared = join(root, 'experiments/exp9', src!);
    expect((await stat(shared)).size).toBe((await stat(plotlySourcePath())).size);
    expect(html).toContain('<title>Experiment 9: fig</title>');
    expect(html).toContain('Plotly.newPlot');
    expect(html).not.toContain('</script><script>alert');
  });

  it('replaces the previous contents as a whole', async () => {
    const dir = join(root, 'experiments/exp9');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'stale.csv'), 'old\n');
    const w = await OutputWriter.open(root, 'experiments/exp9');
    await w.text('new.md', 'new');
    await w.commit();
    expect(await readdir(dir)).toEqual(['new.md']);
  });

  it('leaves the previous results untouched when aborted', async () => {
    const dir = join(root, 'experiments/exp9');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'kept.csv'), 'old\n');
    const w = await OutputWriter.open(root, 'experiments/exp9');
    await w.text('partial.md', 'x');
    await w.abort();
    expect(await readdir(dir)).toEqual(['kept.csv']);
    expect((await readdir(join(root, 'experiments'))).sort()).toEqual(['exp9']);
  });

  it('refuses duplicate and unsafe names and writes after commit', async () => {
    const w = await OutputWriter.open(root, 'experiments/exp9');
    await w.text('a.md', 'x');
    await expect(w.text('a.md', 'y')).rejects.toThrow('already written');
    await expect(w.text('../escape.md', 'y')).rejects.toThrow('invalid file name');
    await expect(w.csv('table.txt', { columns: ['a'], rows: [] })).rejects.toThrow('.csv');
    await w.commit();
    await expect(w.text('b.md', 'x')).rejects.toThrow('committed');
  });

  it('removes staging folders left by dead processes', async () => {
    const stale = join(root, 'experiments/.exp9.partial-999999999-abc');
    await mkdir(stale, { recursive: true });
    const w = await OutputWriter.open(root, 'experiments/exp9');
    await w.commit();
    expect(await readdir(join(root, 'experiments'))).toEqual(['exp9']);
  });

  it('refuses a target outside the output root', async () => {
    await expect(OutputWriter.open(root, '../elsewhere')).rejects.toThrow(RangeError);
    await expect(OutputWriter.open(root, '.')).rejects.toThrow(RangeError);
  });
});
