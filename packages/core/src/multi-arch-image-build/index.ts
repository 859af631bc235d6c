// The images pipeline, one step at a time, as Exegol runs it: each architecture is built on its
// own runner, tested, and pushed under an arch-suffixed tag (`build`); the arch tags are joined
// into one multi-arch list under the final tags (`merge`); later the list is copied from the
// pre-production repository to production by digest (`promote`). Each step works alone.
import * as log from '../action/index.ts';
import { ActionError } from '../action/index.ts';
import { buildCommand, buildImage, type BuildOptions } from '../docker/build.ts';
import { guardDisk } from '../docker/disk.ts';
import { detectEngine, planEmulation, type BuilderKind, type Docker, type EmulationMode } from '../docker/engine.ts';
import { testImage, type ImageTestOptions } from '../docker/image-tests.ts';
import { mergeManifests, promoteManifest, tagManifest, type ListResult } from '../docker/manifest.ts';
import { login, pushImage, type RegistryLogin } from '../docker/push.ts';
import { DockerHubClient } from '../docker/hub.ts';
import {
  DOCKER_HUB,
  formatReference,
  platformKey,
  platformString,
  platformSuffix,
  withDigest,
  withTag,
  type ImageReference,
  type Platform,
} from '../docker/reference.ts';
import { isIndex, RegistryClient, RegistryError, type Credentials } from '../docker/registry.ts';
import { RetriesExhausted, type RetryPolicy } from '../docker/retry.ts';

import type { BuildStepResult, MergeStepResult, PromoteStepResult, StepResult } from './types.ts';

export { summaryMarkdown } from './summary.ts';
export type { BuildOperation, BuildStepResult, MergeStepResult, PromoteStepResult, StepResult } from './types.ts';

export interface CommonOptions {
  login?: RegistryLogin;
  /** Registries reached over plain HTTP besides loopback ones. */
  insecure: string[];
  retry: RetryPolicy;
  dryRun: boolean;
}

function registryClient(o: CommonOptions): RegistryClient {
  const creds = o.login;
  return new RegistryClient({
    credentials: (registry): Promise<Credentials | undefined> =>
      Promise.resolve(
        creds && creds.registry === registry ? { username: creds.username, password: creds.password } : undefined,
      ),
    insecure: o.insecure,
    retry: o.retry,
    // The registry is the host of the image references (inputs image, source, registry).
    source: 'the image reference (inputs "image", "registry", "source")',
  });
}

// ---------------------------------------------------------------------------------------------
// build

export interface BuildStepOptions extends CommonOptions {
  engine: { client?: string; builder: BuilderKind | 'auto' };
  platform: Platform;
  emulation: EmulationMode;
  /** The repository arch images go to (a builds repository); the image is pushed as `<image>:<archTag>`. */
  image: ImageReference;
  archTag: string;
  /**
   * Labels that identify what is built (profile, version, source commit). When the arch tag
   * already holds an image of this platform with exactly these labels, nothing is built,
   * tested or pushed. Null: always build.
   */
  skipIfBuilt: Record<string, string> | null;
  /** Final tags (in the production or pre-production repository) whose list may already hold this build. */
  finalTags?: ImageReference[];
  build: Omit<BuildOptions, 'platform' | 'tags'>;
  /** Null: no tests. */
  tests: Omit<ImageTestOptions, 'image' | 'platform'> | null;
  /** `fail`: a failed or timed-out command fails the step and nothing is pushed; `report`: warn and go on. */
  testFailures: 'fail' | 'report';
  push: boolean;
  /** Null: no disk guard. */
  disk: { minFree: number; pruneLabel?: string } | null;
  /** Remove what the job made locally (the image tag; the test container always goes). */
  cleanup: boolean;
}

function engineSummary(docker: Docker): BuildStepResult['engine'] {
  const { client, clientVersion, builder, buildxVersion, serverVersion, architecture } = docker.info;
  return { client, clientVersion, builder, buildxVersion, serverVersion, architecture };
}

export async function buildStep(o: BuildStepOptions): Promise<BuildStepResult> {
  const started = performance.now();
  const docker = await log.group('Docker engine', async () => {
    const d = await detectEngine(o.engine);
    for (const c of d.info.candidates)
      log.info(`client ${c.path}: ${c.problem ?? `${c.version}${c.buildx ? `, buildx ${c.buildx}` : ', no buildx'}`}`);
    log.info(
      `using ${d.info.client} with the ${d.info.builder} builder; engine ${d.info.serverVersion} on ${d.info.architecture}, data root ${d.info.rootDir}`,
    );
    return d;
  });
  const emulation = planEmulation(docker.info, o.platform, o.emulation);
  log.info(`${platformString(o.platform)}: ${emulation.note}`);
  const ref = formatReference(withTag(o.image, o.archTag));
  const result: BuildStepResult = {
    step: 'build',
    engine: engineSummary(docker),
    emulation: emulation.note,
    platform: o.platform,
    arch: platformSuffix(o.platform),
    ref,
    operation: 'planned',
    plan: [],
    notes: [],
    durationMs: 0,
  };
  const cleanups: { what: string; run: () => Promise<unknown> }[] = [];
  try {
    if (o.skipIfBuilt && o.push) {
      const client = registryClient(o);
      const archRef = withTag(o.image, o.archTag);
      const found = await log.group('Already built?', () =>
        findBuilt(client, [archRef, ...(o.finalTags ?? [])], o.platform, o.skipIfBuilt!),
      );
      if (found) {
        // A re-run from the same commit: nothing to do, as any re-run here (output skipped says why).
        result.operation = 'unchanged';
        result.digest = found.digest;
        result.alreadyBuilt = { labels: o.skipIfBuilt, from: formatReference(found.from) };
        const where =
          found.from === archRef ? ref : `${formatReference(found.from)} (its ${platformString(o.platform)} image)`;
        // A merge deleted the arch tag: it comes back, linked on the registry, so the merge finds it.
        if (found.from !== archRef && !o.dryRun) await tagManifest(client, found.from, found.digest, archRef);
        result.notes.push(
          `${where} already holds this build (${Object.entries(o.skipIfBuilt)
            .map(([k, v]) => `${k}=${v}`)
            .join(
              ', ',
            )}): not built, tested or pushed again.${found.from !== archRef ? ` ${ref} points at it again for the merge.` : ''}`,
        );
        log.notice(`${where} is already built from this commit (${found.digest}): build and tests skipped.`, {
          title: 'multi-arch-image-build',
        });
        return result;
      }
    }
    if (o.disk) result.disk = await log.group('Disk space', () => guardDisk(docker, { ...o.disk!, dryRun: o.dryRun }));

    if (o.dryRun) {
      const cmd = buildCommand(docker.info, { ...o.build, platform: o.platform, tags: [ref] }, '<iidfile>');
      result.notes.push(...cmd.notes);
      result.plan.push(`build: ${docker.info.client} ${cmd.args.join(' ')}`);
      if (o.tests)
        result.plan.push(
          `test: each line of ${o.tests.file} under ${o.tests.shell.join(' ')}, ${o.tests.concurrency} at a time, ${o.tests.timeoutMs / 1000} s each`,
        );
      result.plan.push(o.push ? `push: ${ref} (up to ${o.retry.attempts} attempts)` : 'push: no (input push is false)');
      for (const line of result.plan) log.info(`[dry-run] ${line}`);
      return result;
    }

    if (o.login) {
      const logout = await login(docker, o.login, o.retry);
      cleanups.push({ what: `logout of ${o.login.registry}`, run: logout });
    }

    result.build = await log.group(`Build ${platformString(o.platform)}`, () =>
      buildImage(docker, { ...o.build, platform: o.platform, tags: [ref] }),
    );
    result.notes.push(...result.build.command.notes);
    if (o.cleanup)
      cleanups.push({ what: `remove ${ref}`, run: () => docker.run(['image', 'rm', ref], { allowFailure: true }) });
    log.info(
      `built ${result.build.imageId}: ${result.build.cachedSteps}/${result.build.steps} steps from cache, ${(result.build.durationMs / 1000).toFixed(1)} s`,
    );

    if (o.tests) {
      const tests = await log.group(`Test ${platformString(o.platform)}`, () =>
        testImage(docker, { ...o.tests!, image: result.build!.imageId, platform: o.platform }),
      );
      result.tests = tests;
      const bad = tests.failed + tests.timedOut;
      if (bad > 0) {
        const what = `${tests.failed} failed and ${tests.timedOut} timed-out of ${tests.results.length} test command(s) in ${ref}`;
        if (o.testFailures === 'fail') {
          result.operation = 'tests-failed';
          result.failure = `${what}; nothing was pushed. See the job summary for their output, or set test-failures to report to push anyway.`;
          return result;
        }
        log.warning(`${what}; pushing anyway (test-failures is report).`, { title: 'multi-arch-image-build' });
      }
    }

    if (!o.push) {
      result.operation = 'built';
      return result;
    }
    const client = registryClient(o);
    // Only to tell "pushed" from "unchanged": a registry that cannot be read here is no reason to fail.
    const before = await client.headManifest(withTag(o.image, o.archTag)).catch(() => undefined);
    result.push = await log.group(`Push ${ref}`, () => pushImage(docker, ref, o.retry));
    result.digest = result.push.digest;
    result.operation = before?.digest === result.push.digest ? 'unchanged' : 'pushed';
    return result;
  } finally {
    result.durationMs = performance.now() - started;
    for (const c of cleanups.reverse()) {
      await c
        .run()
        .catch((e: unknown) =>
          log.warning(`clean-up (${c.what}) failed: ${e instanceof Error ? e.message : String(e)}`),
        );
    }
  }
}

interface ImageConfig {
  os?: string;
  architecture?: string;
  variant?: string;
  config?: { Labels?: Record<string, string> | null };
}

/**
 * The first of `candidates` that holds an image of `platform` carrying every one of `labels` (an
 * arch tag, or a list's entry for the platform), read from the registry: manifests and configs,
 * a few kilobytes. Undefined when none does, or when the registry cannot be read (then the build
 * runs, as it would have).
 */
export async function findBuilt(
  client: RegistryClient,
  candidates: ImageReference[],
  platform: Platform,
  labels: Record<string, string>,
): Promise<{ digest: string; from: ImageReference } | undefined> {
  for (const ref of candidates) {
    try {
      let m = await client.getManifest(ref);
      if (!m) {
        log.info(`${formatReference(ref)}: not in the registry`);
        continue;
      }
      if (isIndex(m.mediaType)) {
        const entry = (m.json.manifests ?? []).find(
          (d) =>
            d.platform &&
            platformKey({
              os: d.platform.os,
              architecture: d.platform.architecture,
              ...(d.platform.variant ? { variant: d.platform.variant } : {}),
            }) === platformKey(platform),
        );
        if (!entry) {
          log.info(`${formatReference(ref)}: no ${platformString(platform)} image in the list`);
          continue;
        }
        m = await client.getManifest(withDigest(ref, entry.digest));
        if (!m?.json.config) continue;
      }
      if (!m.json.config) continue;
      const cfg = JSON.parse(
        (await client.getBlob(ref.registry, ref.repository, m.json.config.digest)).toString('utf8'),
      ) as ImageConfig;
      const got = platformKey({
        os: cfg.os ?? '',
        architecture: cfg.architecture ?? '',
        ...(cfg.variant ? { variant: cfg.variant } : {}),
      });
      if (got !== platformKey(platform)) {
        log.info(`${formatReference(ref)}: ${got}, not ${platformString(platform)}`);
        continue;
      }
      const have = cfg.config?.Labels ?? {};
      const differ = Object.entries(labels).filter(([k, v]) => have[k] !== v);
      if (differ.length) {
        log.info(
          `${formatReference(ref)}: another build (${differ.map(([k, v]) => `${k} is ${have[k] ?? 'unset'}, not ${v}`).join('; ')})`,
        );
        continue;
      }
      log.info(`${formatReference(ref)}: this build, ${m.digest}`);
      return { digest: m.digest, from: ref };
    } catch (e) {
      log.warning(
        `Could not check whether ${formatReference(ref)} already holds this build (${e instanceof Error ? e.message : String(e)}).`,
        { title: 'multi-arch-image-build' },
      );
    }
  }
  log.info('not built yet: building');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// merge

export interface MergeStepOptions extends CommonOptions {
  sources: ImageReference[];
  targets: ImageReference[];
  platforms?: Platform[];
  deleteSources: boolean;
  /** Docker Hub's API address; its real one unless a test points it at a double. */
  hubApiUrl?: string;
}

function overall(targets: ListResult['targets']): MergeStepResult['operation'] {
  const ops = new Set(targets.map((t) => t.operation));
  if (ops.has('planned')) return 'planned';
  if (ops.size === 1 && ops.has('unchanged')) return 'unchanged';
  return ops.has('updated') ? 'updated' : 'created';
}

/**
 * A registry that kept failing (5xx, 429, dropped connections) after the retries, or refused a
 * request: one error that says so and what a re-run does, instead of the client's own.
 */
function registryFailure(error: unknown, step: string): unknown {
  if (!(error instanceof RegistryError || error instanceof RetriesExhausted)) return error;
  const status = error instanceof RegistryError ? error.status : 0;
  const transient = error instanceof RetriesExhausted || status === 429 || status >= 500;
  const message = error.message.replace(/\s+/g, ' ').replace(/\.$/, '');
  return new ActionError(
    transient
      ? `The ${step} step stopped: the registry kept failing (${message}). Tags written before stay as they are, and a re-run with the same inputs writes only what is missing: re-run the job later, or raise retries.`
      : `The ${step} step stopped: ${message}.`,
    { cause: error },
  );
}

export async function mergeStep(o: MergeStepOptions): Promise<MergeStepResult> {
  const client = registryClient(o);
  // Docker Hub deletes tags only through its own API, with the same user and password or token.
  const hub =
    o.deleteSources && o.sources.some((s) => s.registry === DOCKER_HUB) && o.login?.registry === DOCKER_HUB
      ? new DockerHubClient({
          credentials: { username: o.login.username, password: o.login.password },
          baseUrl: o.hubApiUrl,
          retry: o.retry,
        })
      : undefined;
  const list = await log
    .group('Merge', () =>
      mergeManifests(client, {
        sources: o.sources,
        targets: o.targets,
        platforms: o.platforms,
        deleteSources: o.deleteSources,
        hub,
        dryRun: o.dryRun,
      }),
    )
    .catch((e: unknown) => {
      throw registryFailure(e, 'merge');
    });
  const plan = o.dryRun
    ? list.targets.map(
        (t) =>
          `write ${formatReference(t.ref)} → ${list.digest} (${list.entries.map((e) => platformString(e.platform)).join(', ')})`,
      )
    : [];
  return { step: 'merge', list, operation: overall(list.targets), traffic: client.traffic, plan };
}

// ---------------------------------------------------------------------------------------------
// promote

export interface PromoteStepOptions extends CommonOptions {
  source: ImageReference;
  expectedDigest?: string;
  targets: ImageReference[];
}

export async function promoteStep(o: PromoteStepOptions): Promise<PromoteStepResult> {
  const client = registryClient(o);
  const list = await log
    .group('Promote', () =>
      promoteManifest(client, {
        source: o.source,
        expectedDigest: o.expectedDigest,
        targets: o.targets,
        dryRun: o.dryRun,
      }),
    )
    .catch((e: unknown) => {
      throw registryFailure(e, 'promote');
    });
  const plan = o.dryRun
    ? list.targets.map((t) => `copy ${formatReference(o.source)} (${list.digest}) → ${formatReference(t.ref)}`)
    : [];
  return { step: 'promote', list, operation: overall(list.targets), traffic: client.traffic, plan };
}

/** The outputs every step sets, with the same names. */
export function stepOutputs(r: StepResult): Record<string, string | number> {
  if (r.step === 'build') {
    return {
      digest: r.digest ?? '',
      image: r.ref,
      tags: r.ref,
      'arch-digests': JSON.stringify(r.digest ? { [platformString(r.platform)]: r.digest } : {}),
      platforms: platformString(r.platform),
      operation: r.operation,
      'tests-passed': r.tests?.passed ?? 0,
      'tests-failed': r.tests?.failed ?? 0,
      'tests-timed-out': r.tests?.timedOut ?? 0,
      'cached-steps': r.build ? `${r.build.cachedSteps}/${r.build.steps}` : '',
      size: r.build?.size ?? 0,
      skipped: r.alreadyBuilt ? 'true' : 'false',
      'test-logs': r.tests?.logs ? r.tests.logs.failed.replace(/\/[^/]+$/, '') : '',
    };
  }
  const refs = r.list.targets.map((t) => formatReference(t.ref));
  return {
    digest: r.list.digest,
    image: refs[0] ? `${refs[0].replace(/:[^:/]+$/, '')}@${r.list.digest}` : '',
    tags: refs.join('\n'),
    'arch-digests': JSON.stringify(
      Object.fromEntries(r.list.entries.map((e) => [platformString(e.platform), e.digest])),
    ),
    platforms: r.list.entries.map((e) => platformString(e.platform)).join(','),
    operation: r.operation,
    'deleted-tags': r.list.deleted
      .filter((d) => d.result === 'deleted')
      .map((d) => formatReference(d.ref))
      .join('\n'),
  };
}

export function failIfNeeded(r: StepResult): void {
  if (r.step === 'build' && r.failure) throw new ActionError(r.failure);
}
