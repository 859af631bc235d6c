// Cold start of each action's committed bundle up to its first input error, against bare
// `node -e 0`, interleaved in one run so machine noise falls on both alike. Not a test: a
// measurement, printed and returned to bench/run.ts.
//
//   pnpm exec tsx bench/cold-start.ts [runs]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, readActionMetadata } from '@exegol-actions/testkit/runner';
import { median, timeProcess } from './timing.ts';

/** For each action, one bad input that its main rejects first. */
export const FIRST_INPUT_ERROR: Record<string, Record<string, string>> = {
  'verify-version': { INPUT_PRESET: 'no-such-preset' },
  'create-release': { INPUT_PRERELEASE: 'maybe' },
  'bump-next-beta': { INPUT_BUMP: 'huge' },
  'multi-arch-image-build': { INPUT_STEP: 'deploy' },
  'sync-submodules': { INPUT_MODE: 'no-such-mode' },
  'export-tool-list': { 'INPUT_TOOLS-CSV': 'installed_tools.csv', INPUT_PUBLISH: 'no-such-mode' },
};

export interface ColdStart {
  action: string;
  medianMs: number;
  bareMs: number;
  ratio: number;
}

function time(args: string[], env: Record<string, string>): number {
  return timeProcess(args, { env }).ms;
}

export function measureColdStarts(runs = 30): ColdStart[] {
  const actions = Object.keys(FIRST_INPUT_ERROR).filter((a) => fs.existsSync(path.join(repoRoot, a, 'action.yml')));
  const bare: number[] = [];
  const samples = new Map<string, number[]>(actions.map((a) => [a, []]));
  const base = { PATH: process.env.PATH ?? '', GITHUB_WORKSPACE: repoRoot };
  for (let i = 0; i < runs + 3; i++) {
    const warm = i < 3; // the first runs fill the OS page cache for both alike
    const b = time(['-e', '0'], base);
    if (!warm) bare.push(b);
    for (const action of actions) {
      const main = path.resolve(repoRoot, action, readActionMetadata(action).runs.main);
      const t = time([main], { ...base, ...FIRST_INPUT_ERROR[action] });
      if (!warm) samples.get(action)!.push(t);
    }
  }
  const bareMs = median(bare);
  return actions.map((action) => {
    const medianMs = median(samples.get(action)!);
    return { action, medianMs, bareMs, ratio: medianMs / bareMs };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 30);
  for (const r of measureColdStarts(runs)) {
    console.log(
      `${r.action.padEnd(24)} ${r.medianMs.toFixed(1)} ms vs bare ${r.bareMs.toFixed(1)} ms = ${r.ratio.toFixed(2)}×`,
    );
  }
}
