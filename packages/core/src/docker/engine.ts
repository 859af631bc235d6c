// Which Docker client to call and how it builds. Builders differ: GitHub's runners have buildx,
// self-hosted ones may have only a distribution's docker.io, and Docker's own client refuses
// BuildKit without buildx from version 23 on. So nothing is assumed: every client found is asked
// what it is, and the first one that can build with BuildKit wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError } from '../action/index.ts';
import { run, type RunOptions, type RunResult } from '../exec/index.ts';
import { platformMachine, platformOfMachine, platformString, type Platform } from './reference.ts';

/**
 * - `buildx`: `docker buildx build --load` (GitHub's runners, Docker Desktop);
 * - `buildkit`: a client older than 23 with DOCKER_BUILDKIT=1, which speaks BuildKit to the
 *   engine itself (Debian's docker.io);
 * - `legacy`: the engine's classic builder (DOCKER_BUILDKIT=0), last resort: no cache export.
 */
export type BuilderKind = 'buildx' | 'buildkit' | 'legacy';
export const BUILDER_KINDS = ['buildx', 'buildkit', 'legacy'] as const;

export interface ClientCandidate {
  path: string;
  version: string;
  major: number;
  buildx?: string;
  /** Why it cannot be used, when it cannot. */
  problem?: string;
}

export interface EngineInfo {
  client: string;
  clientVersion: string;
  builder: BuilderKind;
  buildxVersion?: string;
  /** `docker` or `docker-container` etc. for buildx; what can export a registry cache. */
  buildxDriver?: string;
  serverVersion: string;
  /** The engine's machine, as `docker info` reports it (`x86_64`, `aarch64`). */
  architecture: string;
  native: Platform;
  rootDir: string;
  /** The engine runs on another machine (DOCKER_HOST over TCP or SSH): its disk and binfmt are not ours to read. */
  remote: boolean;
  candidates: ClientCandidate[];
}

/** A Docker client bound to one engine: every call goes through the toolkit's exec. */
export class Docker {
  constructor(readonly info: EngineInfo) {}

  get client(): string {
    return this.info.client;
  }

  run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return run(this.info.client, args, options);
  }

  /** Environment for `docker build`: which builder the client must use. */
  buildEnv(): Record<string, string> {
    return this.info.builder === 'legacy' ? { DOCKER_BUILDKIT: '0' } : { DOCKER_BUILDKIT: '1' };
  }
}

function onPath(name: string): string[] {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .filter((p) => {
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    });
}

/** Docker clients on this machine, the one on PATH first, each once. */
export const CLIENT_FALLBACKS = ['/usr/bin/docker', '/usr/local/bin/docker'];

export function clientCandidates(explicit?: string, fallbacks: readonly string[] = CLIENT_FALLBACKS): string[] {
  if (explicit) return [explicit];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...onPath('docker'), ...fallbacks]) {
    if (!fs.existsSync(p)) continue;
    const real = fs.realpathSync(p);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(p);
  }
  return out;
}

async function probe(client: string): Promise<ClientCandidate> {
  const v = await run(client, ['version', '--format', '{{.Client.Version}}'], {
    allowFailure: true,
    timeoutMs: 20_000,
  }).catch((e: Error) => ({
    code: 127,
    stdout: '',
    stderr: e.message,
  }));
  const version = v.stdout.trim().split('\n')[0] ?? '';
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);
  if (!version || Number.isNaN(major))
    return {
      path: client,
      version,
      major: NaN,
      problem: `does not say its version: ${(v.stderr || v.stdout).trim().split('\n')[0]}`,
    };
  const bx = await run(client, ['buildx', 'version'], { allowFailure: true, timeoutMs: 20_000 });
  const buildx = bx.code === 0 ? (/v?\d+\.\d+\.\d+\S*/.exec(bx.stdout)?.[0] ?? bx.stdout.trim()) : undefined;
  return { path: client, version, major, buildx };
}

/** Picks a builder from what the clients can do, or honours a forced one when a client can do it. */
export function chooseBuilder(
  candidates: ClientCandidate[],
  wanted: BuilderKind | 'auto',
): { client: ClientCandidate; builder: BuilderKind } | { problem: string } {
  const usable = candidates.filter((c) => !c.problem);
  const withBuildx = usable.find((c) => c.buildx);
  const speaksBuildkit = usable.find((c) => c.major < 23);
  if (wanted === 'buildx' || (wanted === 'auto' && withBuildx)) {
    if (withBuildx) return { client: withBuildx, builder: 'buildx' };
    return { problem: 'no Docker client here has the buildx plugin' };
  }
  if (wanted === 'buildkit' || (wanted === 'auto' && speaksBuildkit)) {
    if (speaksBuildkit) return { client: speaksBuildkit, builder: 'buildkit' };
    if (withBuildx) return { client: withBuildx, builder: 'buildx' };
    return {
      problem:
        'no Docker client here can build with BuildKit (buildx is missing and every client is version 23 or later, which needs buildx for BuildKit)',
    };
  }
  if (usable[0]) return { client: usable[0], builder: 'legacy' };
  return { problem: 'no usable Docker client' };
}

/** The fields of `docker info --format '{{json .}}'` this action reads. */
interface DockerInfo {
  ServerVersion?: string;
  Architecture?: string;
  DockerRootDir?: string;
}

/** What an engine that did not answer printed (nothing, or not JSON) reads as no information. */
function readDockerInfo(stdout: string): DockerInfo {
  try {
    return JSON.parse(stdout.trim() || '{}') as DockerInfo;
  } catch {
    return {};
  }
}

function isRemote(): boolean {
  const host = process.env.DOCKER_HOST ?? '';
  return host !== '' && !host.startsWith('unix://');
}

export interface DetectOptions {
  /** A client path to use instead of looking for one. */
  client?: string;
  builder?: BuilderKind | 'auto';
  /** Where to look after PATH; default the two places Debian and Docker's packages install to. */
  fallbacks?: readonly string[];
}

export async function detectEngine(options: DetectOptions = {}): Promise<Docker> {
  const paths = clientCandidates(options.client, options.fallbacks);
  if (paths.length === 0) {
    throw new ActionError(
      'No Docker client found (looked on PATH, /usr/bin/docker, /usr/local/bin/docker). Install Docker on the runner, or give the client\'s path in input "docker".',
      { input: 'docker' },
    );
  }
  const candidates = await Promise.all(paths.map(probe));
  const chosen = chooseBuilder(candidates, options.builder ?? 'auto');
  const seen = candidates
    .map(
      (c) =>
        `${c.path} (${c.problem ? c.problem : `${c.version}${c.buildx ? `, buildx ${c.buildx}` : ', no buildx'}`})`,
    )
    .join('; ');
  if ('problem' in chosen) {
    throw new ActionError(
      `Cannot build here: ${chosen.problem}. Clients found: ${seen}. Install docker buildx (docker/setup-buildx-action), or set input "builder" to legacy.`,
      {
        input: 'builder',
      },
    );
  }
  const infoRun = await run(chosen.client.path, ['info', '--format', '{{json .}}'], {
    allowFailure: true,
    timeoutMs: 30_000,
  });
  const info = readDockerInfo(infoRun.stdout);
  if (infoRun.code !== 0 || !info.ServerVersion) {
    const why = (infoRun.stderr || infoRun.stdout).trim().split('\n').slice(-3).join(' ');
    throw new ActionError(
      `No Docker engine answers ${chosen.client.path} (${why || 'no answer'}). Start the Docker daemon on the runner, or point DOCKER_HOST at one.`,
    );
  }
  const architecture = String(info.Architecture ?? '');
  const native = platformOfMachine(architecture);
  if (!native)
    throw new ActionError(`The Docker engine reports an architecture this action does not know: "${architecture}".`);
  let buildxDriver: string | undefined;
  if (chosen.builder === 'buildx') {
    const inspect = await run(chosen.client.path, ['buildx', 'inspect'], { allowFailure: true, timeoutMs: 30_000 });
    buildxDriver = /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1];
  }
  return new Docker({
    client: chosen.client.path,
    clientVersion: chosen.client.version,
    builder: chosen.builder,
    buildxVersion: chosen.client.buildx,
    buildxDriver,
    serverVersion: String(info.ServerVersion),
    architecture,
    native,
    rootDir: String(info.DockerRootDir ?? ''),
    remote: isRemote(),
    candidates,
  });
}

export type EmulationState = 'enabled' | 'disabled' | 'absent' | 'unknown';

/** Whether the kernel runs binaries of `platform` through QEMU (binfmt_misc), when we can see it. */
export function emulationState(platform: Platform, binfmtDir = '/proc/sys/fs/binfmt_misc'): EmulationState {
  if (!fs.existsSync(path.join(binfmtDir, 'status'))) return 'unknown';
  const entry = path.join(binfmtDir, `qemu-${platformMachine(platform)}`);
  if (!fs.existsSync(entry)) return 'absent';
  return /^enabled$/m.test(fs.readFileSync(entry, 'utf8').split('\n')[0] ?? '') ? 'enabled' : 'disabled';
}

export type EmulationMode = 'auto' | 'qemu' | 'native';

/**
 * Decides how `platform` gets built: natively when the engine runs on it, with QEMU otherwise or
 * when asked. Refuses early, with the fix, when the platform cannot be built here at all.
 */
export function planEmulation(
  engine: EngineInfo,
  platform: Platform,
  mode: EmulationMode,
): { emulated: boolean; note: string } {
  const isNative = platformString(engine.native) === platformString(platform);
  if (mode === 'native' && !isNative) {
    throw new ActionError(
      `Input "emulation": native was asked, but the engine runs on ${platformString(engine.native)} and the platform is ${platformString(platform)}. Run this job on a ${platformString(platform)} runner, or set emulation to auto or qemu.`,
      { input: 'emulation' },
    );
  }
  if (isNative && mode !== 'qemu') return { emulated: false, note: `native (${engine.architecture})` };
  if (isNative)
    return {
      emulated: false,
      note: `native (${engine.architecture}); qemu was asked but is not needed for the engine's own platform`,
    };
  if (engine.remote) return { emulated: true, note: `QEMU on the remote engine (not checked from here)` };
  const state = emulationState(platform);
  if (state === 'absent' || state === 'disabled') {
    throw new ActionError(
      `The engine runs on ${platformString(engine.native)} and cannot run ${platformString(platform)} binaries: binfmt_misc has ${state === 'absent' ? 'no' : 'a disabled'} qemu-${platformMachine(platform)} entry. Add docker/setup-qemu-action before this step, or install qemu-user-static and binfmt-support on the runner.`,
      { input: 'platform' },
    );
  }
  return {
    emulated: true,
    note: `QEMU (qemu-${platformMachine(platform)} ${state === 'enabled' ? 'enabled' : 'state not visible'})`,
  };
}
