// `docker build` for one platform, on whichever builder the engine detection chose, with the
// build's own log streamed as it comes and read afterwards for how many steps came from cache.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as log from '../action/index.ts';
import { ActionError } from '../action/index.ts';
import { CommandError } from '../exec/index.ts';
import type { Docker, EngineInfo } from './engine.ts';
import { platformString, type Platform } from './reference.ts';

export interface BuildOptions {
  context: string;
  dockerfile: string;
  platform: Platform;
  /** Full references the image is tagged with locally. */
  tags: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Image references (or, for buildx, full `type=…` cache specs) to take layers from. */
  cacheFrom: string[];
  /**
   * Where to export the cache: `inline` (in the pushed image itself, which every builder can do),
   * an image reference for a separate registry cache (buildx with a container driver), or none.
   */
  cacheTo?: string;
  target?: string;
  noCache?: boolean;
}

export interface BuildCommand {
  args: string[];
  env: Record<string, string>;
  /** Why an option was changed for this builder (e.g. a registry cache becomes inline). */
  notes: string[];
}

export interface BuildResult {
  imageId: string;
  /** Dockerfile instructions that make layers or metadata (FROM and internal steps excluded). */
  steps: number;
  cachedSteps: number;
  durationMs: number;
  size: number;
  command: BuildCommand;
}

function cacheSpec(ref: string, extra = ''): string {
  return ref.startsWith('type=') ? ref : `type=registry,ref=${ref}${extra}`;
}

/** The registry reference inside a `type=registry,ref=…` spec, or the text itself. */
function cacheRef(spec: string): string | undefined {
  if (!spec.startsWith('type=')) return spec;
  if (!spec.startsWith('type=registry')) return undefined;
  return /(?:^|,)ref=([^,]+)/.exec(spec)?.[1];
}

/** The command line for a build; pure, so it is tested for each builder without an engine. */
export function buildCommand(
  engine: Pick<EngineInfo, 'builder' | 'buildxDriver'>,
  o: BuildOptions,
  iidFile: string,
): BuildCommand {
  const notes: string[] = [];
  const args: string[] = engine.builder === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
  args.push('--platform', platformString(o.platform));
  if (engine.builder !== 'legacy') args.push('--progress', 'plain');
  args.push('--file', o.dockerfile, '--iidfile', iidFile);
  for (const t of o.tags) args.push('--tag', t);
  const buildArgs = { ...o.buildArgs };
  for (const [k, v] of Object.entries(o.labels)) args.push('--label', `${k}=${v}`);
  if (o.target) args.push('--target', o.target);
  if (o.noCache) args.push('--no-cache');

  for (const from of o.cacheFrom) {
    if (engine.builder === 'buildx') args.push('--cache-from', cacheSpec(from));
    else {
      const ref = cacheRef(from);
      if (ref) args.push('--cache-from', ref);
      else notes.push(`cache source "${from}" needs buildx; ignored by the ${engine.builder} builder`);
    }
  }
  if (o.cacheTo) {
    const registryCacheWorks =
      engine.builder === 'buildx' && engine.buildxDriver !== undefined && engine.buildxDriver !== 'docker';
    if (o.cacheTo === 'inline' || !registryCacheWorks) {
      if (o.cacheTo !== 'inline') {
        notes.push(
          engine.builder === 'buildx'
            ? `the buildx driver "${engine.buildxDriver ?? 'unknown'}" cannot export a registry cache: the cache goes inline, into the pushed image`
            : `the ${engine.builder} builder cannot export a registry cache: the cache goes inline, into the pushed image`,
        );
      }
      if (engine.builder === 'legacy')
        notes.push('the legacy builder cannot write cache metadata; only --cache-from is used');
      else if (engine.builder === 'buildx') args.push('--cache-to', 'type=inline');
      else buildArgs.BUILDKIT_INLINE_CACHE = '1';
    } else {
      args.push('--cache-to', cacheSpec(o.cacheTo, ',mode=max'));
    }
  }
  for (const [k, v] of Object.entries(buildArgs)) args.push('--build-arg', `${k}=${v}`);
  args.push(o.context);
  return { args, env: engine.builder === 'legacy' ? { DOCKER_BUILDKIT: '0' } : { DOCKER_BUILDKIT: '1' }, notes };
}

/**
 * Counts the Dockerfile steps of a build log and those served from cache. BuildKit's plain
 * progress names steps `#5 [2/4] RUN …` (or `[stage 2/4]`) and marks reused ones `#5 CACHED`; the
 * legacy builder prints `Step 2/4 : RUN …` and ` ---> Using cache`.
 */
export function countCachedSteps(log: string): { steps: number; cachedSteps: number } {
  const lines = log.split('\n');
  const vertices = new Map<string, boolean>();
  const cached = new Set<string>();
  for (const line of lines) {
    const step = /^#(\d+) \[(?:[^\]]* )?\d+\/\d+\] (\S+)/.exec(line);
    if (step) {
      if (step[2] !== 'FROM' && !vertices.has(step[1]!)) vertices.set(step[1]!, true);
      continue;
    }
    const hit = /^#(\d+) CACHED\b/.exec(line);
    if (hit) cached.add(hit[1]!);
  }
  if (vertices.size > 0) {
    return { steps: vertices.size, cachedSteps: [...vertices.keys()].filter((v) => cached.has(v)).length };
  }
  let steps = 0;
  let cachedSteps = 0;
  let current: string | undefined;
  for (const line of lines) {
    const legacy = /^Step \d+\/\d+ : (\S+)/.exec(line);
    if (legacy) {
      current = legacy[1]!.toUpperCase();
      if (current !== 'FROM' && current !== 'ARG') steps++;
    } else if (/^ ---> Using cache/.test(line) && current !== 'FROM' && current !== 'ARG') cachedSteps++;
  }
  return { steps, cachedSteps };
}

export async function buildImage(docker: Docker, o: BuildOptions): Promise<BuildResult> {
  if (!fs.existsSync(o.dockerfile))
    throw new ActionError(
      `Input "dockerfile": ${o.dockerfile} does not exist. Check the path (relative to the workspace).`,
      { input: 'dockerfile' },
    );
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'exegol-build-'));
  const iidFile = path.join(temp, 'iid');
  const command = buildCommand(docker.info, o, iidFile);
  for (const n of command.notes) log.warning(n, { title: 'multi-arch-image-build' });
  log.info(`$ ${docker.client} ${command.args.join(' ')}`);
  const started = performance.now();
  try {
    const res = await docker
      .run(command.args, {
        env: command.env,
        onLine: (line) => log.info(line),
      })
      .catch((e: unknown) => {
        if (e instanceof CommandError) {
          throw new ActionError(
            `The ${platformString(o.platform)} build failed (exit ${e.result.code}); the build log is above. Last lines:\n${(e.result.stderr || e.result.stdout).trim().split('\n').slice(-15).join('\n')}`,
          );
        }
        throw e;
      });
    const durationMs = performance.now() - started;
    const imageId = fs.readFileSync(iidFile, 'utf8').trim();
    const { steps, cachedSteps } = countCachedSteps(`${res.stdout}\n${res.stderr}`);
    const size = Number((await docker.run(['image', 'inspect', '--format', '{{.Size}}', imageId])).stdout.trim()) || 0;
    return { imageId, steps, cachedSteps, durationMs, size, command };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
