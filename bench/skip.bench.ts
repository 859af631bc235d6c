// The release-PR path of the images pipeline run twice from the same commit, on the real engine,
// QEMU and local registry: the first run builds, tests and pushes both arch images into the builds
// repository and merges them (deleting the arch tags); the second, with nothing changed, must
// build nothing (each build step `skipped: true`, `operation: unchanged`) and merge `unchanged`. Each round uses a fresh
// repository and a fresh marker in the image, so the first run really builds; first and second
// runs alternate (interleaved), and the medians are compared.
//
//   pnpm exec tsx bench/skip.bench.ts [rounds]
import {
  dockerEnvironment,
  imageProject,
  PASSING_TESTS,
  tempDir,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';
import { runAction } from '@exegol-actions/testkit/runner';
import * as fs from 'node:fs';
import type { Section } from './run.ts';
import { median } from './timing.ts';

/** The second run must cost at most this share of the first. */
export const GOAL_RATIO = 0.5;
const ARCHES = ['amd64', 'arm64'];

interface PathRun {
  ms: number;
  operations: string[];
}

async function releasePrPath(workspace: string, ns: string, sha: string, registry: string): Promise<PathRun> {
  const builds = `${registry}/${ns}/exegol-builds`;
  const image = `${registry}/${ns}/exegol-preprod`;
  const common = {
    image,
    'builds-image': builds,
    profile: 'full',
    version: '1.0.0',
    tags: '{profile},{profile}-{version}',
  };
  const started = performance.now();
  const operations: string[] = [];
  for (const arch of ARCHES) {
    const run = await runAction({
      action: 'multi-arch-image-build',
      workspace,
      sha,
      inputs: {
        ...common,
        step: 'build',
        platform: `linux/${arch}`,
        'build-args': `ARCH=${arch}`,
        preset: 'none',
        'test-timeout': '5s',
        'min-free-space': '100MB',
        'build-date': '2026-12-01T00:00:00Z',
      },
      timeoutMs: 300_000,
    });
    if (run.exitCode !== 0) throw new Error(`build ${arch} failed:\n${run.stdout.slice(-2000)}`);
    operations.push(`build ${arch}: ${run.outputs.skipped === 'true' ? 'skipped' : run.outputs.operation}`);
  }
  const merge = await runAction({
    action: 'multi-arch-image-build',
    workspace,
    sha,
    inputs: { ...common, step: 'merge', platforms: ARCHES.map((a) => `linux/${a}`).join(',') },
  });
  if (merge.exitCode !== 0) throw new Error(`merge failed:\n${merge.stdout.slice(-2000)}`);
  operations.push(`merge: ${merge.outputs.operation}`);
  return { ms: performance.now() - started, operations };
}

export async function measureSkip(
  rounds: number,
): Promise<{ first: number[]; second: number[]; firstOps: string[]; secondOps: string[] }> {
  const env = dockerEnvironment();
  const first: number[] = [];
  const second: number[] = [];
  let firstOps: string[] = [];
  let secondOps: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const ns = uniqueRepository('bench-skip');
    const dir = tempDir('bench-skip-');
    try {
      imageProject(dir, { tests: PASSING_TESTS, marker: ns });
      const sha = ns
        .replace(/[^0-9a-f]/g, '')
        .padEnd(40, '0')
        .slice(0, 40);
      const a = await releasePrPath(dir, ns, sha, env.registry);
      const b = await releasePrPath(dir, ns, sha, env.registry);
      first.push(a.ms);
      second.push(b.ms);
      firstOps = a.operations;
      secondOps = b.operations;
      console.log(
        `round ${i + 1}: first ${(a.ms / 1000).toFixed(1)} s (${a.operations.join(', ')}), second ${(b.ms / 1000).toFixed(1)} s (${b.operations.join(', ')})`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { first, second, firstOps, secondOps };
}

export default async function skipBench(runs: number): Promise<Section> {
  const title = 'Images release-PR path, second run from the same commit (multi-arch-image-build, skip what is built)';
  const env = dockerEnvironment();
  const goalName = 'images release-PR path, second run / first run';
  if (!env.ok) {
    return {
      title,
      markdown: `**Skipped: no Docker engine or local registry (${env.reason}).** Run \`scripts/setup-docker.sh\` (root, Debian), then \`./tasks.sh bench\` again.`,
      goals: [{ name: goalName, value: 'not measured (no Docker engine)', goal: `≤ ${GOAL_RATIO}×`, met: false }],
    };
  }
  const rounds = Math.min(runs, 5);
  const r = await measureSkip(rounds);
  const f = median(r.first);
  const s = median(r.second);
  const allSkipped = r.secondOps.every((o) => /: (skipped|unchanged)$/.test(o));
  return {
    title,
    markdown: [
      `Build amd64 (native) and arm64 (QEMU) of a busybox look-alike image into a builds repository, run its tool tests, push, then merge into pre-production (arch tags deleted), each step the committed bundle run as a runner runs it; then the same again from the same commit. A fresh repository and image content each round; first and second runs alternate; median of ${rounds}. Re-measure: \`pnpm exec tsx bench/skip.bench.ts ${rounds}\`.`,
      '',
      '| Run | Median | Min | Max | Steps |',
      '| --- | ---: | ---: | ---: | --- |',
      `| first (builds) | ${(f / 1000).toFixed(2)} s | ${(Math.min(...r.first) / 1000).toFixed(2)} s | ${(Math.max(...r.first) / 1000).toFixed(2)} s | ${r.firstOps.join(', ')} |`,
      `| second (nothing changed) | ${(s / 1000).toFixed(2)} s | ${(Math.min(...r.second) / 1000).toFixed(2)} s | ${(Math.max(...r.second) / 1000).toFixed(2)} s | ${r.secondOps.join(', ')} |`,
      '',
      `The second run builds nothing: ${allSkipped ? 'every build step answered `skipped` and the merge `unchanged`' : '**not every step skipped**'}. On real images a build takes hours per profile and arch, so the saving there is nearly the whole run; here the images are tiny, so the ratio understates it.`,
    ].join('\n'),
    goals: [
      {
        name: goalName,
        value: `${(s / f).toFixed(2)}× (${(s / 1000).toFixed(1)} s vs ${(f / 1000).toFixed(1)} s)`,
        goal: `≤ ${GOAL_RATIO}×, nothing built`,
        met: allSkipped && s / f <= GOAL_RATIO,
      },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await skipBench(Number(process.argv[2] ?? 3));
  console.log(
    `## ${section.title}\n\n${section.markdown}\n\n${section.goals.map((g) => `${g.name}: ${g.value} (goal ${g.goal}, ${g.met ? 'met' : 'NOT met'})`).join('\n')}`,
  );
}
