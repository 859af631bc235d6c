// The whole export-tool-list process on a large input, against bare `node -e 0`: a 10 000-row
// tools list and a 200-row index, published with `publish: none` (validate every row, insert the
// index row, compare with the previous 10 000-row list of the profile, write both files, outputs
// and summary). The runs are interleaved so machine noise falls on both alike; the docs folder is
// reset before each run, outside the timing. Not a test: a measurement, printed and returned to
// bench/run.ts (through export-tool-list.bench.ts). Goal: the median at most 150 ms.
//
//   pnpm exec tsx bench/export-tool-list.ts [runs]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, readActionMetadata } from '@exegol-actions/testkit/runner';
import { median, timeProcess } from './timing.ts';

export const GOAL_MS = 150;

export interface ExportBench {
  medianMs: number;
  bareMs: number;
  runs: number;
  rows: number;
  indexRows: number;
  goalMs: number;
}

function time(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): { ms: number; status: number | null; stdout: string } {
  const t = timeProcess(args, { env, cwd });
  return { ms: t.ms, status: t.status, stdout: t.output };
}

/** A tools list like the images write: sorted case-insensitively, some emoji and curly quotes. */
export function bigList(rows: number): string {
  const lines = ['Tool,Link,Description'];
  for (let i = 0; i < rows; i++) {
    const extra = i % 50 === 0 ? ' 🌸 “the” tool’s' : '';
    lines.push(
      `tool-${String(i).padStart(5, '0')},https://github.com/example-org/tool-${i},Does thing number ${i} for pentesters and red teamers${extra}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A release index with new-format rows first and old Sphinx rows after, like the docs'. */
export function bigIndex(rows: number): string {
  const lines = ['Image tag,Version,Build date,Tools list'];
  const profiles = ['full', 'ad', 'light', 'osint', 'web'];
  for (let i = 0; i < rows; i++) {
    const profile = profiles[i % 5]!;
    const version = `3.${Math.floor((rows - i) / 50)}.${Math.floor((rows - i) / 5) % 10}`;
    lines.push(
      i < rows / 2
        ? `${profile},${version},"2026-06-24T20:45:25Z",[download](</installed_tools/lists/${profile}_${version}_amd64.csv>)`
        : `${profile},${version},2025-03-20T03:56:44Z,:download:\`${profile}_${version}_amd64.csv       </installed_tools/lists/${profile}_${version}_amd64.csv>\``,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function measureExportToolList(runs = 30, rows = 10_000, indexRows = 200): ExportBench {
  const main = path.resolve(repoRoot, 'export-tool-list', readActionMetadata('export-tool-list').runs.main);
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  const tools = path.join(ws, 'docs/src/public/installed_tools');
  const index = bigIndex(indexRows);
  const list = bigList(rows);
  fs.writeFileSync(path.join(ws, 'installed_tools.csv'), list);
  // The previous release of the profile, with 10 tools renamed since: the summary compares.
  const previousVersion = index
    .split('\n')
    .find((l) => l.startsWith('full,'))!
    .split(',')[1]!;
  const previous = list.replace(/^tool-0000(\d)/gm, 'old-tool-$1');
  const reset = () => {
    fs.rmSync(tools, { recursive: true, force: true });
    fs.mkdirSync(path.join(tools, 'lists'), { recursive: true });
    fs.writeFileSync(path.join(tools, 'releases_amd64.csv'), index);
    fs.writeFileSync(path.join(tools, `lists/full_${previousVersion}_amd64.csv`), previous);
  };
  const files = { GITHUB_OUTPUT: path.join(ws, 'output'), GITHUB_STEP_SUMMARY: path.join(ws, 'summary') };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_WORKSPACE: ws,
    ...files,
    'INPUT_TOOLS-CSV': 'installed_tools.csv',
    'INPUT_DOCS-PATH': '.',
    INPUT_CHANNEL: 'release',
    INPUT_PROFILE: 'full',
    INPUT_VERSION: '3.9.9',
    INPUT_ARCH: 'amd64',
    'INPUT_BUILD-DATE': '2026-07-01T10:00:00Z',
    INPUT_PUBLISH: 'none',
    'INPUT_INVALID-ROWS': 'fail',
    'INPUT_LINK-PREFIX': '/installed_tools/',
  };
  const bare: number[] = [];
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs + 3; i++) {
      const warm = i < 3; // the first runs fill the OS page cache for both alike
      reset();
      for (const f of Object.values(files)) fs.writeFileSync(f, '');
      const b = time(['-e', '0'], { PATH: env.PATH! }, ws);
      const t = time([main], env, ws);
      if (t.status !== 0) throw new Error(`export-tool-list failed (exit ${t.status}):\n${t.stdout}`);
      const outputs = fs.readFileSync(files.GITHUB_OUTPUT, 'utf8');
      if (!outputs.includes(`\n${rows}\n`) || !/^added<<(\S+)\n10\n\1$/m.test(outputs))
        throw new Error(
          `export-tool-list did not publish ${rows} rows compared with the previous list:\n${t.stdout}\n${outputs}`,
        );
      if (!warm) {
        bare.push(b.ms);
        samples.push(t.ms);
      }
    }
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
  return { medianMs: median(samples), bareMs: median(bare), runs, rows, indexRows, goalMs: GOAL_MS };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureExportToolList(Number(process.argv[2] ?? 30));
  console.log(
    `export-tool-list ${r.rows}-row list, ${r.indexRows}-row index, publish none: ${r.medianMs.toFixed(1)} ms (median of ${r.runs}) vs bare node ${r.bareMs.toFixed(1)} ms; goal ≤ ${r.goalMs} ms: ${r.medianMs <= r.goalMs ? 'met' : 'NOT met'}`,
  );
}
