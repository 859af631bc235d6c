// Disk guard: builders of Exegol's images need tens of gigabytes, and a build that runs out of
// space fails an hour in ("Free space left: 62 MB"). Before building, free space on the engine's
// data root is checked; when short, only what is safe to lose is pruned, in order of least
// value — dangling images, images carrying the job's label, then the build cache — and the step
// fails at once, with the numbers, if that is still not enough.
import * as fs from 'node:fs';
import * as log from '../action/index.ts';
import { ActionError } from '../action/index.ts';
import type { Docker } from './engine.ts';
import { formatBytes, parseSize } from './reference.ts';

export interface PruneStep {
  name: string;
  command: string[];
  /** What Docker said it reclaimed. */
  reclaimed: number;
  /** Free space it actually gained on the data root. */
  gained: number;
}

export interface DiskReport {
  path: string;
  required: number;
  /** Undefined when the engine's disk cannot be seen from here (remote engine). */
  freeBefore?: number;
  freeAfter?: number;
  pruned: PruneStep[];
  ok: boolean;
  note: string;
}

/** Still short after pruning: carries the report, so the summary can show what was tried. */
export class DiskSpaceError extends ActionError {
  constructor(
    readonly report: DiskReport,
    message: string,
  ) {
    super(message, { input: 'min-free-space' });
    this.name = 'DiskSpaceError';
  }
}

export function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** Docker prints `Total reclaimed space: 1.2GB`. */
export function reclaimedBytes(output: string): number {
  const m = /Total reclaimed space:\s*([\d.]+\s*[a-zA-Z]*)/.exec(output);
  if (!m) return 0;
  try {
    return parseSize(m[1]!, 'reclaimed');
  } catch {
    return 0;
  }
}

export interface DiskGuardOptions {
  minFree: number;
  /** `key=value`: images carrying it may be pruned (Exegol's `org.exegol.app=Exegol`). */
  pruneLabel?: string;
  dryRun?: boolean;
  /** Where to measure; the engine's data root by default. */
  path?: string;
}

export function pruneSteps(label?: string): { name: string; command: string[] }[] {
  const steps = [{ name: 'dangling images', command: ['image', 'prune', '--force'] }];
  if (label)
    steps.push({
      name: `unused images labelled ${label}`,
      command: ['image', 'prune', '--all', '--force', '--filter', `label=${label}`],
    });
  steps.push({ name: 'build cache', command: ['builder', 'prune', '--all', '--force'] });
  return steps;
}

export async function guardDisk(docker: Docker, o: DiskGuardOptions): Promise<DiskReport> {
  const dir = o.path ?? docker.info.rootDir;
  const required = o.minFree;
  const freeBefore = docker.info.remote ? undefined : freeBytes(dir);
  if (freeBefore === undefined) {
    const note = `cannot see ${dir || 'the data root'} from here (remote engine or no access): not checked`;
    log.warning(`Disk guard: ${note}.`, { title: 'multi-arch-image-build' });
    return { path: dir, required, pruned: [], ok: true, note };
  }
  log.info(`${formatBytes(freeBefore)} free on ${dir}; ${formatBytes(required)} required`);
  if (freeBefore >= required)
    return { path: dir, required, freeBefore, freeAfter: freeBefore, pruned: [], ok: true, note: 'enough space' };
  if (o.dryRun) {
    const plan = pruneSteps(o.pruneLabel)
      .map((s) => s.name)
      .join(', then ');
    log.info(`would prune ${plan}`);
    return {
      path: dir,
      required,
      freeBefore,
      freeAfter: freeBefore,
      pruned: [],
      ok: false,
      note: `short by ${formatBytes(required - freeBefore)}; would prune ${plan}`,
    };
  }
  const pruned: PruneStep[] = [];
  let free = freeBefore;
  for (const step of pruneSteps(o.pruneLabel)) {
    const res = await docker.run(step.command, { allowFailure: true });
    if (res.code !== 0)
      log.warning(`docker ${step.command.join(' ')} failed: ${res.stderr.trim()}`, { title: 'multi-arch-image-build' });
    const now = freeBytes(dir) ?? free;
    pruned.push({
      name: step.name,
      command: step.command,
      reclaimed: reclaimedBytes(res.stdout),
      gained: Math.max(0, now - free),
    });
    log.info(
      `pruned ${step.name}: Docker reports ${formatBytes(reclaimedBytes(res.stdout))} reclaimed, ${formatBytes(Math.max(0, now - free))} gained on disk`,
    );
    free = now;
    if (free >= required) break;
  }
  const ok = free >= required;
  const report: DiskReport = {
    path: dir,
    required,
    freeBefore,
    freeAfter: free,
    pruned,
    ok,
    note: ok
      ? `freed ${formatBytes(free - freeBefore)} by pruning ${pruned.map((p) => p.name).join(', ')}`
      : `still short by ${formatBytes(required - free)}`,
  };
  if (!ok) {
    throw new DiskSpaceError(
      report,
      `Not enough disk space on ${dir}: ${formatBytes(free)} free after pruning ${pruned.map((p) => p.name).join(', ')} (${formatBytes(free - freeBefore)} freed), ${formatBytes(required)} required by input "min-free-space". Free space on the runner (other images, tool caches) or use a larger runner; lower min-free-space only if the build really needs less.`,
    );
  }
  return report;
}
