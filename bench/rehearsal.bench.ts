// The offline rehearsal (`pnpm run rehearsal`) timed as a whole process, as a maintainer runs it:
// tsx starting, the look-alike repositories built, every step's bundle run. Median of 3 (a run
// takes seconds, so machine noise weighs little against it; the load average is in RESULTS.md).
// A run that fails counts as a missed goal, with its exit code and the end of its output.
//
//   pnpm exec tsx bench/rehearsal.bench.ts
import * as path from 'node:path';
import { repoRoot } from '@exegol-actions/testkit/runner';
import type { Section } from './run.ts';
import { timeProcess } from './timing.ts';

export const GOAL_S = 20;
const RUNS = 3;

interface Timing {
  seconds: number;
  status: number | null;
  tail: string;
}

function rehearse(): Timing {
  const t = timeProcess(['scripts/rehearsal.ts'], {
    command: path.join(repoRoot, 'node_modules/.bin/tsx'),
    cwd: repoRoot,
  });
  return { seconds: t.ms / 1000, status: t.status, tail: t.output.trim().split('\n').slice(-15).join('\n') };
}

export default function rehearsalBench(): Section {
  const timings = Array.from({ length: RUNS }, rehearse);
  const failed = timings.find((t) => t.status !== 0);
  const sorted = timings.map((t) => t.seconds).sort((a, b) => a - b);
  const median = sorted[RUNS >> 1]!;
  return {
    title: 'Offline rehearsal',
    markdown: [
      `\`node_modules/.bin/tsx scripts/rehearsal.ts\` (what \`pnpm run rehearsal\` runs, without pnpm's own start-up) timed as a whole process, ${RUNS} runs one after the other. Re-measure: \`pnpm exec tsx bench/rehearsal.bench.ts\`.`,
      '',
      '| Run | Time | Exit |',
      '| --- | ---: | ---: |',
      ...timings.map((t, i) => `| ${i + 1} | ${t.seconds.toFixed(1)} s | ${t.status} |`),
      `| **median** | **${median.toFixed(1)} s** | |`,
      ...(failed
        ? ['', `**A run failed (exit ${failed.status}); its output ends with:**`, '', '```', failed.tail, '```']
        : []),
    ].join('\n'),
    goals: [
      {
        name: 'offline rehearsal (whole process)',
        value: failed ? `${median.toFixed(1)} s, but a run failed (exit ${failed.status})` : `${median.toFixed(1)} s`,
        goal: `≤ ${GOAL_S} s`,
        met: !failed && median <= GOAL_S,
      },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = rehearsalBench();
  console.log(section.markdown);
}
