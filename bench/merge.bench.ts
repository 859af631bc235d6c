// bench/run.ts section for the manifest merge on the local registry (bench/merge.ts). Without a
// Docker engine and registry it says so in RESULTS.md instead of measuring.
import { dockerEnvironment } from '@exegol-actions/testkit/docker';
import type { Section } from './run.ts';
import { measureMerge } from './merge.ts';

export const GOAL_MS = 2000;
const ACTION = 'action (bundle, new process)';

export default async function mergeBench(runs: number): Promise<Section> {
  const title = 'Manifest merge on the local registry (multi-arch-image-build, step: merge)';
  const env = dockerEnvironment();
  if (!env.ok) {
    return {
      title,
      markdown: `**Skipped: no Docker engine or local registry (${env.reason}).** Run \`scripts/setup-docker.sh\` (root, Debian), then \`./tasks.sh bench\` again.`,
      goals: [
        {
          name: 'merge on the local registry (action, whole process)',
          value: 'not measured (no Docker engine)',
          goal: `≤ ${GOAL_MS / 1000} s`,
          met: false,
        },
      ],
    };
  }
  // Each round pushes three manifest lists: 15 rounds are plenty for a stable median.
  const n = Math.min(runs, 15);
  const rows = await measureMerge(n);
  const action = rows.find((r) => r.variant === ACTION)!;
  return {
    title,
    markdown: [
      `Two arch images (amd64, arm64) merged into one manifest list on the local registry (${env.registry}), every request through a recording proxy. The action as a runner runs it (a new node process, the committed bundle), the core function in a warm process, and the shell it replaces, interleaved; median of ${n}, 2 warm-up rounds dropped. Re-measure: \`pnpm exec tsx bench/merge.ts ${n}\`.`,
      '',
      '| Variant | Median | p90 | Min | Requests | Blob GETs | Layers pulled |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.variant} | ${r.medianMs.toFixed(0)} ms | ${r.p90Ms.toFixed(0)} ms | ${r.minMs.toFixed(0)} ms | ${r.requests} | ${r.blobGets} | ${r.layersPulled} |`,
      ),
    ].join('\n'),
    goals: [
      {
        name: 'merge on the local registry (action, whole process)',
        value: `${action.medianMs.toFixed(0)} ms`,
        goal: `≤ ${GOAL_MS / 1000} s`,
        met: action.medianMs <= GOAL_MS,
      },
    ],
  };
}
