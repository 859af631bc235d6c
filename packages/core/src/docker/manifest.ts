// Multi-arch manifest lists, written straight to the registry: a merge reads each arch image's
// manifest (and its small config, for the platform) and writes one list; a promotion copies a
// list's exact bytes to another repository, so its digest stays the same. No layer is pulled:
// blobs that must appear in another repository are linked there by the registry itself.
import * as log from '../action/index.ts';
import { ActionError } from '../action/index.ts';
import type { DockerHubClient } from './hub.ts';
import {
  DOCKER_HUB,
  formatReference,
  platformKey,
  platformString,
  withDigest,
  type ImageReference,
  type Platform,
} from './reference.ts';
import { isIndex, MEDIA, sha256, type Manifest, type RegistryClient } from './registry.ts';

export interface ListEntry {
  /** Where the arch image was read (its tag or digest as given). */
  source: ImageReference;
  mediaType: string;
  digest: string;
  size: number;
  platform: Platform;
  /** Config and layers together, when the image manifest was read. */
  imageSize?: number;
}

export interface DeletedTag {
  ref: ImageReference;
  /** `kept`: a dry run, or a registry that cannot delete it; `failed`: the deletion failed (a warning). */
  result: 'deleted' | 'absent' | 'unsupported' | 'kept' | 'failed';
  /** How: Docker Hub's API, the registry's tag deletion, or the manifest's (by digest). */
  via?: 'docker-hub-api' | 'tag' | 'digest';
  note?: string;
}

export type Operation = 'created' | 'updated' | 'unchanged' | 'planned';

export interface TargetResult {
  ref: ImageReference;
  operation: Operation;
  /** The digest the registry had under that tag before, when it had one. */
  previous?: string;
}

export interface ListResult {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  entries: ListEntry[];
  targets: TargetResult[];
  deleted: DeletedTag[];
  durationMs: number;
}

function platformOf(p: { os?: string; architecture?: string; variant?: string }): Platform {
  const out: Platform = { os: p.os ?? 'unknown', architecture: p.architecture ?? 'unknown' };
  if (p.variant) out.variant = p.variant;
  return out;
}

function sameRepository(a: ImageReference, b: ImageReference): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

/**
 * The platform images a source stands for: one for an image manifest (its platform read from the
 * config blob, a few hundred bytes), each real platform for a list (attestations left out).
 */
export async function resolveSource(
  client: RegistryClient,
  source: ImageReference,
  input: string,
): Promise<ListEntry[]> {
  const m = await client.getManifest(source);
  if (!m) {
    throw new ActionError(
      `Input "${input}": ${formatReference(source)} does not exist on the registry. Did the build for that platform fail, or push under another tag? Nothing was written.`,
      { input },
    );
  }
  if (isIndex(m.mediaType)) {
    return (m.json.manifests ?? [])
      .filter(
        (d) =>
          d.platform &&
          d.platform.os !== 'unknown' &&
          d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
      )
      .map((d) => ({
        source,
        mediaType: d.mediaType,
        digest: d.digest,
        size: d.size,
        platform: platformOf(d.platform!),
      }));
  }
  const config = m.json.config;
  if (!config)
    throw new ActionError(
      `${formatReference(source)} is neither an image manifest nor a list (media type ${m.mediaType}).`,
    );
  const cfg = JSON.parse(
    (await client.getBlob(source.registry, source.repository, config.digest)).toString('utf8'),
  ) as { os?: string; architecture?: string; variant?: string };
  const imageSize = [config, ...(m.json.layers ?? [])].reduce((n, b) => n + (b.size ?? 0), 0);
  return [
    { source, mediaType: m.mediaType, digest: m.digest, size: m.bytes.length, platform: platformOf(cfg), imageSize },
  ];
}

/** The list's bytes: stable key order and spacing, so the same inputs give the same digest. */
export function listBytes(entries: ListEntry[]): { mediaType: string; bytes: Buffer } {
  const oci = entries.some((e) => e.mediaType === MEDIA.ociManifest || e.mediaType === MEDIA.ociIndex);
  const mediaType = oci ? MEDIA.ociIndex : MEDIA.dockerList;
  const doc = {
    schemaVersion: 2,
    mediaType,
    manifests: entries.map((e) => ({
      mediaType: e.mediaType,
      size: e.size,
      digest: e.digest,
      platform: {
        architecture: e.platform.architecture,
        os: e.platform.os,
        ...(e.platform.variant ? { variant: e.platform.variant } : {}),
      },
    })),
  };
  return { mediaType, bytes: Buffer.from(`${JSON.stringify(doc, null, 3)}\n`) };
}

/**
 * Makes `digest` (a manifest of `from`) readable in `to`: links each blob it uses, then writes the
 * manifest itself by digest. Within one repository there is nothing to do.
 */
async function ensureManifestIn(
  client: RegistryClient,
  from: ImageReference,
  to: ImageReference,
  digest: string,
  dryRun: boolean,
): Promise<void> {
  if (sameRepository(from, to)) return;
  if (from.registry !== to.registry) {
    throw new ActionError(
      `${formatReference(from)} and ${formatReference(to)} are on different registries: lists are assembled and promoted within one registry, where blobs are linked, never pulled. Push the arch images to ${to.registry} first.`,
    );
  }
  const target = withDigest(to, digest);
  if (await client.headManifest(target)) return;
  const m = (await client.getManifest(withDigest(from, digest)))!;
  if (isIndex(m.mediaType)) {
    for (const child of m.json.manifests ?? []) await ensureManifestIn(client, from, to, child.digest, dryRun);
  } else {
    for (const blob of [m.json.config, ...(m.json.layers ?? [])]) {
      if (!blob || dryRun) continue;
      if (!(await client.hasBlob(to.registry, to.repository, blob.digest)))
        await client.mountBlob(to.registry, to.repository, blob.digest, from.repository);
    }
  }
  if (dryRun) return;
  await client.putManifest(target, m.mediaType, m.bytes);
}

/** Writes `bytes` under each target tag, unless the tag already holds exactly them. */
async function writeTargets(
  client: RegistryClient,
  targets: ImageReference[],
  mediaType: string,
  bytes: Buffer,
  dryRun: boolean,
): Promise<TargetResult[]> {
  const digest = sha256(bytes);
  const results: TargetResult[] = [];
  for (const ref of targets) {
    const before = await client.headManifest(ref);
    if (before?.digest === digest) {
      log.info(`${formatReference(ref)} already is ${digest}: unchanged`);
      results.push({ ref, operation: 'unchanged', previous: before.digest });
      continue;
    }
    if (dryRun) {
      log.info(`would write ${formatReference(ref)} → ${digest}${before ? ` (now ${before.digest})` : ''}`);
      results.push({ ref, operation: 'planned', previous: before?.digest });
      continue;
    }
    const written = await client.putManifest(ref, mediaType, bytes);
    if (written !== digest)
      throw new ActionError(
        `The registry stored ${formatReference(ref)} as ${written}, not ${digest}: it rewrote the list.`,
      );
    log.info(`${formatReference(ref)} → ${digest}${before ? ` (was ${before.digest})` : ''}`);
    results.push({ ref, operation: before ? 'updated' : 'created', previous: before?.digest });
  }
  return results;
}

/** Reads each target back: same digest, and exactly the expected platforms with their digests. */
async function verifyTargets(
  client: RegistryClient,
  targets: TargetResult[],
  digest: string,
  entries: ListEntry[],
): Promise<void> {
  const expected = new Map(entries.map((e) => [platformKey(e.platform), e.digest]));
  for (const t of targets) {
    if (t.operation === 'planned') continue;
    const m = await client.getManifest(t.ref);
    if (!m) throw new ActionError(`${formatReference(t.ref)} is missing right after it was written.`);
    if (m.digest !== digest)
      throw new ActionError(
        `${formatReference(t.ref)} is ${m.digest} on the registry, not the ${digest} just written (another job wrote it?).`,
      );
    const got = new Map((m.json.manifests ?? []).map((d) => [platformKey(platformOf(d.platform ?? {})), d.digest]));
    const same = got.size === expected.size && [...expected].every(([k, d]) => got.get(k) === d);
    if (!same) {
      const show = (mp: Map<string, string>) => [...mp].map(([k, d]) => `${k}=${d.slice(7, 19)}`).join(', ');
      throw new ActionError(`${formatReference(t.ref)} lists ${show(got)}; expected ${show(expected)}.`);
    }
  }
}

/**
 * Puts the manifest `digest` of `from`'s repository under the tag of `to` (same registry), linking
 * its blobs: a registry-side copy, no layer moves. Used to bring back an arch tag that a merge
 * deleted, when the build it names is found in the list.
 */
export async function tagManifest(
  client: RegistryClient,
  from: ImageReference,
  digest: string,
  to: ImageReference,
): Promise<void> {
  await ensureManifestIn(client, from, to, digest, false);
  const m = await client.getManifest(withDigest(sameRepository(from, to) ? from : to, digest));
  if (!m) throw new ActionError(`${formatReference(withDigest(to, digest))} is missing right after it was linked.`);
  await client.putManifest(to, m.mediaType, m.bytes);
}

export interface MergeOptions {
  sources: ImageReference[];
  targets: ImageReference[];
  /** When given, the list must hold exactly these platforms. */
  platforms?: Platform[];
  deleteSources?: boolean;
  /** Docker Hub's API, for deleting tags on Docker Hub; none without credentials. */
  hub?: DockerHubClient;
  dryRun?: boolean;
}

export interface DeleteOptions {
  sources: ImageReference[];
  targets: ImageReference[];
  /** What the merge read from each source: the digest a digest deletion may remove. */
  entries: ListEntry[];
  hub?: DockerHubClient;
  dryRun?: boolean;
}

/**
 * Removes the arch tags once the list is written. Never fails the merge: the list is out, and a
 * tag left behind costs storage, not correctness; each failure is a warning naming the tag.
 *  - Docker Hub: its own API (its registry API refuses tag deletion).
 *  - Elsewhere: the registry API's tag deletion; where the registry deletes only by digest
 *    (Docker's distribution 2.x), the manifest itself, but only from a repository that none of the
 *    final tags lives in (a builds repository): a list there would lose its image.
 */
export async function deleteIntermediates(client: RegistryClient, o: DeleteOptions): Promise<DeletedTag[]> {
  const out: DeletedTag[] = [];
  const finalTags = new Set(o.targets.map(formatReference));
  const targetRepos = new Set(o.targets.map((t) => `${t.registry}/${t.repository}`));
  const warn = (d: DeletedTag) =>
    log.warning(`${d.note}: ${formatReference(d.ref)} is kept.`, { title: 'multi-arch-image-build' });
  for (const s of o.sources) {
    if (!s.tag || s.digest || finalTags.has(formatReference(s))) continue;
    if (o.dryRun) {
      out.push({ ref: s, result: 'kept', note: 'dry run' });
      continue;
    }
    let d: DeletedTag;
    try {
      if (s.registry === DOCKER_HUB) {
        if (!o.hub)
          d = {
            ref: s,
            result: 'kept',
            via: 'docker-hub-api',
            note: 'Docker Hub deletes tags only through its own API, which needs registry-username and registry-password',
          };
        else d = { ref: s, result: await o.hub.deleteTag(s), via: 'docker-hub-api' };
      } else {
        const byTag = await client.deleteTag(s);
        d = { ref: s, result: byTag, via: 'tag' };
        const own = o.entries.filter((e) => e.source === s);
        if (byTag === 'unsupported' && own.length === 1 && !targetRepos.has(`${s.registry}/${s.repository}`)) {
          // Still the image the list points at? Another build may have moved the tag since.
          const now = await client.headManifest(s);
          if (now?.digest === own[0]!.digest)
            d = { ref: s, result: await client.deleteManifest(withDigest(s, own[0]!.digest)), via: 'digest' };
          else
            d = {
              ref: s,
              result: 'kept',
              via: 'digest',
              note: `the tag moved to ${now?.digest ?? 'nothing'} since the merge read it`,
            };
        }
        if (d.result === 'unsupported')
          d.note = `${s.registry} does not delete tags on their own (only whole manifests, which the list needs)`;
      }
    } catch (e) {
      d = {
        ref: s,
        result: 'failed',
        note: `deleting it failed (${(e instanceof Error ? e.message : String(e)).replace(/\.$/, '')})`,
      };
    }
    if (d.note) warn(d);
    else log.info(`${formatReference(s)}: ${d.result}${d.via ? ` (${d.via})` : ''}`);
    out.push(d);
  }
  return out;
}

export async function mergeManifests(client: RegistryClient, o: MergeOptions): Promise<ListResult> {
  const started = performance.now();
  const entries: ListEntry[] = [];
  for (const s of o.sources) entries.push(...(await resolveSource(client, s, 'sources')));
  const seen = new Map<string, ListEntry>();
  for (const e of entries) {
    const key = platformKey(e.platform);
    const twin = seen.get(key);
    if (twin) {
      throw new ActionError(
        `Input "sources": ${formatReference(twin.source)} and ${formatReference(e.source)} are both ${platformString(e.platform)}. Give one image per platform. Nothing was written.`,
        { input: 'sources' },
      );
    }
    seen.set(key, e);
  }
  if (o.platforms) {
    const want = new Set(o.platforms.map(platformKey));
    const missing = [...want].filter((p) => !seen.has(p));
    const extra = [...seen.keys()].filter((p) => !want.has(p));
    if (missing.length || extra.length) {
      throw new ActionError(
        `Input "platforms": the sources hold ${[...seen.keys()].join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not expected ${extra.join(', ')}` : ''}. Nothing was written.`,
        { input: 'platforms' },
      );
    }
  }
  const { mediaType, bytes } = listBytes(entries);
  const digest = sha256(bytes);
  for (const t of o.targets)
    for (const e of entries) await ensureManifestIn(client, e.source, t, e.digest, Boolean(o.dryRun));
  const targets = await writeTargets(client, o.targets, mediaType, bytes, Boolean(o.dryRun));
  await verifyTargets(client, targets, digest, entries);

  const deleted = o.deleteSources
    ? await deleteIntermediates(client, {
        sources: o.sources,
        targets: o.targets,
        entries,
        hub: o.hub,
        dryRun: o.dryRun,
      })
    : [];
  return { digest, mediaType, bytes, entries, targets, deleted, durationMs: performance.now() - started };
}

export interface PromoteOptions {
  source: ImageReference;
  /** The source must be exactly this (the digest the merge reported), or nothing is copied. */
  expectedDigest?: string;
  targets: ImageReference[];
  dryRun?: boolean;
}

export interface PromoteResult extends ListResult {
  sourceDigest: string;
}

export async function promoteManifest(client: RegistryClient, o: PromoteOptions): Promise<PromoteResult> {
  const started = performance.now();
  const m: Manifest | undefined = await client.getManifest(o.source);
  if (!m)
    throw new ActionError(
      `Input "source": ${formatReference(o.source)} does not exist on the registry. Nothing was promoted.`,
      { input: 'source' },
    );
  if (o.expectedDigest && m.digest !== o.expectedDigest) {
    throw new ActionError(
      `Input "expected-digest": ${formatReference(o.source)} is ${m.digest}, not ${o.expectedDigest}. The pre-production image changed since it was tested: promote by the tested digest, or re-run the pipeline. Nothing was promoted.`,
      { input: 'expected-digest' },
    );
  }
  const entries: ListEntry[] = isIndex(m.mediaType)
    ? (m.json.manifests ?? []).map((d) => ({
        source: o.source,
        mediaType: d.mediaType,
        digest: d.digest,
        size: d.size,
        platform: platformOf(d.platform ?? {}),
      }))
    : (await resolveSource(client, o.source, 'source')).map((e) => ({ ...e, digest: m.digest }));
  for (const t of o.targets) {
    if (isIndex(m.mediaType))
      for (const e of entries) await ensureManifestIn(client, o.source, t, e.digest, Boolean(o.dryRun));
    else await ensureManifestIn(client, o.source, t, m.digest, Boolean(o.dryRun));
  }
  const targets = await writeTargets(client, o.targets, m.mediaType, m.bytes, Boolean(o.dryRun));
  if (isIndex(m.mediaType)) await verifyTargets(client, targets, m.digest, entries);
  else {
    for (const t of targets) {
      const after = t.operation === 'planned' ? undefined : await client.headManifest(t.ref);
      if (after && after.digest !== m.digest)
        throw new ActionError(`${formatReference(t.ref)} is ${after.digest} after the copy, not ${m.digest}.`);
    }
  }
  return {
    digest: m.digest,
    sourceDigest: m.digest,
    mediaType: m.mediaType,
    bytes: m.bytes,
    entries,
    targets,
    deleted: [],
    durationMs: performance.now() - started,
  };
}
