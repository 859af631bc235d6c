// bench/run.ts section for export-tool-list's whole-process benchmark (bench/export-tool-list.ts).
import type { Section } from './run.ts';
import { measureExportToolList } from './export-tool-list.ts';

export default function exportToolListBench(runs: number): Section {
  const r = measureExportToolList(runs);
  return {
    title: 'export-tool-list on a large list',
    markdown: [
      `The whole action process (committed bundle, \`publish: none\`) on a ${r.rows.toLocaleString('en')}-row tools list and a ${r.indexRows}-row index: every row validated, the index row inserted, the list compared with the previous ${r.rows.toLocaleString('en')}-row list of the profile, both files, outputs and summary written. Interleaved with bare \`node -e 0\`, median of ${r.runs} (3 warm-up rounds dropped). Re-measure: \`pnpm exec tsx bench/export-tool-list.ts ${r.runs}\`.`,
      '',
      '| Run | Median |',
      '| --- | --- |',
      `| bare \`node -e 0\` | ${r.bareMs.toFixed(1)} ms |`,
      `| export-tool-list | ${r.medianMs.toFixed(1)} ms |`,
    ].join('\n'),
    goals: [
      {
        name: `export-tool-list, ${r.rows}-row list + ${r.indexRows}-row index`,
        value: `${r.medianMs.toFixed(1)} ms`,
        goal: `≤ ${r.goalMs} ms`,
        met: r.medianMs <= r.goalMs,
      },
    ],
  };
}
