// The GitHub half of create-release: one release per tag, found before anything is made, made as
// a draft when it gets assets (so it also works where published releases are immutable), and
// brought to the wanted state with as few requests as the state allows.
//
// `planRelease` only reads, so a token that may not write (generate-notes needs contents: write)
// stops the run before the tag is pushed; `applyRelease` writes.
//
// Requests on the paths that matter (asserted against the API double in the tests):
//   new release, no assets      list + generate-notes + create                      = 3
//   new release, n assets       list + generate-notes + create draft + list + n uploads + publish
//   re-run, `existing: update`  list + generate-notes (+ update only if something differs) = 2
//   re-run, `existing: keep`    list                                                 = 1
import * as fs from 'node:fs';
import { ActionError } from '../action/index.ts';
import { describeGitHubError, getGitHubClient, parseRepository } from '../github/index.ts';
import { compareVersions, highestVersionTag, type Version } from '../version/index.ts';

export interface AssetFile {
  /** Absolute path. */
  path: string;
  /** The asset's name on the release (the file's base name). */
  name: string;
  size: number;
  sha256: string;
}

export interface ReleaseRequest {
  tag: string;
  commit: string;
  version: Version;
  tagPrefix: string;
  name: string;
  /** The tag the generated notes start from; null lets GitHub pick. */
  previousTag: string | null;
  /** Written above the generated notes. */
  extraBody: string;
  prerelease: boolean;
  makeLatest: 'auto' | boolean;
  /** What to do with a release that already exists for the tag. */
  existing: 'update' | 'keep';
  assets: AssetFile[];
}

export type ReleaseOperation = 'created' | 'updated' | 'unchanged';

export interface AssetOutcome {
  name: string;
  action: 'uploaded' | 'replaced' | 'unchanged' | 'skipped';
  url: string;
}

export interface ReleaseOutcome {
  /** 0 in a dry-run that would create the release. */
  id: number;
  url: string;
  uploadUrl: string;
  operation: ReleaseOperation;
  prerelease: boolean;
  latest: boolean;
  /** The latest stable release before this run, by version; null when there is none. */
  previousLatest: string | null;
  name: string;
  body: string;
  assets: AssetOutcome[];
  notes: string[];
}

export interface GitHubAccess {
  token: string;
  repository: string;
  apiUrl?: string;
}

interface Asset {
  id: number;
  name: string;
  size: number;
  state: string;
  digest?: string | null;
  browser_download_url: string;
}

interface Release {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
  upload_url: string;
  assets: Asset[];
}

type Octokit = Awaited<ReturnType<typeof getGitHubClient>>;

const PAGE = 100;

/** What the repository has and what this run wants, read before anything is written. */
export interface ReleasePlan {
  req: ReleaseRequest;
  octokit: Octokit;
  owner: string;
  repo: string;
  /** The release already there for the tag (the published one, else the oldest draft). */
  existing: Release | null;
  previousLatest: { tag: string; version: Version } | null;
  latest: boolean;
  /** The wanted body; null when an existing release is kept as it is (no notes needed). */
  body: string | null;
  notes: string[];
}

/** Reads: the releases (drafts included) and, unless a published release is kept, the notes. */
export async function planRelease(access: GitHubAccess, req: ReleaseRequest): Promise<ReleasePlan> {
  const { owner, repo } = parseRepository(access.repository);
  const octokit = await getGitHubClient({ token: access.token, baseUrl: access.apiUrl });
  const notes: string[] = [];
  const releases = await call('list the releases', () => listReleases(octokit, owner, repo));
  const previousLatest = latestStable(releases, req);
  const latest =
    req.makeLatest === 'auto'
      ? !req.prerelease && (!previousLatest || compareVersions(req.version, previousLatest.version) > 0)
      : req.makeLatest;
  if (req.makeLatest === 'auto') {
    notes.push(
      latest
        ? `Marked latest: ${req.version.raw} is a stable version above ${previousLatest ? `the latest release ${previousLatest.tag}` : 'every release (first stable release)'}.`
        : req.prerelease
          ? `Not marked latest: ${req.version.raw} is a pre-release.`
          : `Not marked latest: the latest release ${previousLatest!.tag} is higher than ${req.version.raw}.`,
    );
  }
  const existing = pick(releases.filter((r) => r.tag_name === req.tag));
  const plan: ReleasePlan = { req, octokit, owner, repo, existing, previousLatest, latest, body: null, notes };
  if (!(existing && req.existing === 'keep' && !existing.draft)) plan.body = await wantedBody(plan);
  return plan;
}

/** The extra text, then GitHub's notes since the previous tag. */
async function wantedBody({ octokit, owner, repo, req }: ReleasePlan): Promise<string> {
  const { data } = await call('generate the release notes', () =>
    octokit.rest.repos.generateReleaseNotes({
      owner,
      repo,
      tag_name: req.tag,
      target_commitish: req.commit,
      ...(req.previousTag ? { previous_tag_name: req.previousTag } : {}),
    }),
  );
  return [req.extraBody.trim(), data.body.trim()].filter(Boolean).join('\n\n');
}

function outcome(
  plan: ReleasePlan,
  r: Release | null,
  operation: ReleaseOperation,
  assets: AssetOutcome[],
): ReleaseOutcome {
  return {
    id: r?.id ?? 0,
    url: r?.html_url ?? '',
    uploadUrl: r?.upload_url ?? '',
    operation,
    prerelease: r ? r.prerelease : plan.req.prerelease,
    latest: plan.latest,
    previousLatest: plan.previousLatest?.tag ?? null,
    name: r?.name ?? plan.req.name,
    body: plan.body ?? r?.body ?? '',
    assets,
    notes: plan.notes,
  };
}

/** What `applyRelease` would do, without doing it (dry-run). */
export function describeReleasePlan(plan: ReleasePlan): ReleaseOutcome {
  const { req, existing: r } = plan;
  if (!r) {
    plan.notes.push(
      `dry-run: would create release "${req.name}" for ${req.tag}${req.assets.length ? ` as a draft, upload ${req.assets.length} asset(s), then publish it` : ''}.`,
    );
    return outcome(
      plan,
      null,
      'created',
      req.assets.map((a) => ({ name: a.name, action: 'uploaded', url: '' })),
    );
  }
  if (req.existing === 'keep' && !r.draft) {
    plan.notes.push(
      `dry-run: release ${r.id} for ${req.tag} exists and existing-release is keep: it would be left as it is.`,
    );
    return outcome(plan, r, 'unchanged', skipped(plan, r));
  }
  const changes = releaseChanges(plan, r);
  const assetPlan = planAssets(r, req.assets);
  const what = [
    ...Object.keys(changes).map((k) => (k === 'draft' ? 'publish the draft' : `change ${k}`)),
    ...assetPlan
      .filter((a) => a.action !== 'unchanged')
      .map((a) => `${a.action === 'replaced' ? 'replace' : 'upload'} ${a.name}`),
  ];
  plan.notes.push(
    what.length
      ? `dry-run: would update release ${r.id}: ${what.join(', ')}.`
      : `dry-run: release ${r.id} is already as wanted.`,
  );
  return outcome(
    plan,
    r,
    what.length ? 'updated' : 'unchanged',
    assetPlan.map((a) => ({ name: a.name, action: a.action, url: a.url })),
  );
}

/**
 * Writes: a new release (published at once without assets, else a draft that gets them first),
 * or the existing one completed (a draft) or brought up to date.
 */
export async function applyRelease(plan: ReleasePlan): Promise<ReleaseOutcome> {
  const { req, octokit, owner, repo, notes } = plan;
  const makeLatest = plan.latest ? 'true' : 'false';
  let existing = plan.existing;

  if (!existing) {
    const draft = req.assets.length > 0;
    let created: Release | null = null;
    try {
      const { data } = await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: req.tag,
        target_commitish: req.commit,
        name: req.name,
        body: plan.body!,
        draft,
        prerelease: req.prerelease,
        // A draft is never latest; the mark is set when it is published.
        ...(draft ? {} : { make_latest: makeLatest }),
      });
      created = data;
    } catch (error) {
      // Another run published a release for this tag between our look and our create (or
      // GitHub made ours, answered 5xx, and the retry met it).
      if (!isAlreadyExists(error)) throw apiError(error, `create release ${req.tag}`);
      notes.push(`Another run created the release for ${req.tag} first: using it.`);
      existing = pick(
        (await call('list the releases', () => listReleases(octokit, owner, repo))).filter(
          (r) => r.tag_name === req.tag,
        ),
      );
      if (!existing)
        throw new ActionError(`GitHub said a release for ${req.tag} already exists, but none is listed. Run again.`);
    }
    if (created && !draft) return outcome(plan, created, 'created', []);
    if (created) {
      // Drafts do not reserve the tag, so two runs may each have made one: the oldest wins and
      // the other run deletes its own and completes the winner.
      const same = (await call('list the releases', () => listReleases(octokit, owner, repo))).filter(
        (r) => r.tag_name === req.tag,
      );
      const winner = pick(same) ?? created;
      if (winner.id === created.id) {
        const assets = await syncAssets(plan, created, true);
        const { data } = await call('publish the release', () =>
          octokit.rest.repos.updateRelease({
            owner,
            repo,
            release_id: created.id,
            draft: false,
            make_latest: makeLatest,
          }),
        );
        return outcome(plan, data, 'created', assets);
      }
      await call('delete a duplicate draft', () =>
        octokit.rest.repos.deleteRelease({ owner, repo, release_id: created.id }),
      );
      notes.push(
        `Another run made a release for ${req.tag} at the same time: deleted this run's draft, completing release ${winner.id}.`,
      );
      existing = winner;
    }
  }

  const r = existing!;
  if (req.existing === 'keep' && !r.draft) {
    notes.push(`Release ${r.id} for ${req.tag} exists and existing-release is keep: left as it is.`);
    return outcome(plan, r, 'unchanged', skipped(plan, r));
  }
  plan.body ??= await wantedBody(plan);
  const changes = releaseChanges(plan, r);
  const assetWork = planAssets(r, req.assets).some((a) => a.action !== 'unchanged');
  // Assets first: a published release may be immutable.
  const assets = await syncAssets(plan, r, r.draft);
  if (Object.keys(changes).length === 0) {
    if (!assetWork) notes.push(`Release ${r.id} for ${req.tag} is already as wanted.`);
    return outcome(plan, r, assetWork ? 'updated' : 'unchanged', assets);
  }
  const { data } = await call(`update release ${r.id}`, () =>
    octokit.rest.repos.updateRelease({ owner, repo, release_id: r.id, ...changes, make_latest: makeLatest }),
  );
  return outcome(plan, data, 'updated', assets);
}

/** Fields of `r` that differ from what this run wants. */
function releaseChanges(
  plan: ReleasePlan,
  r: Release,
): { name?: string; body?: string; prerelease?: boolean; draft?: false } {
  const changes: { name?: string; body?: string; prerelease?: boolean; draft?: false } = {};
  if ((r.name ?? '') !== plan.req.name) changes.name = plan.req.name;
  if (plan.body !== null && (r.body ?? '').trim() !== plan.body.trim()) changes.body = plan.body;
  if (r.prerelease !== plan.req.prerelease) changes.prerelease = plan.req.prerelease;
  if (r.draft) changes.draft = false;
  return changes;
}

function skipped(plan: ReleasePlan, r: Release): AssetOutcome[] {
  return plan.req.assets.map((a) => ({
    name: a.name,
    action: 'skipped',
    url: r.assets.find((x) => x.name === a.name)?.browser_download_url ?? '',
  }));
}

/** Uploads what is missing or different; the same name with the same content is skipped. */
async function syncAssets(plan: ReleasePlan, release: Release, isDraft: boolean): Promise<AssetOutcome[]> {
  const { octokit, owner, repo, notes } = plan;
  const out: AssetOutcome[] = [];
  for (const item of planAssets(release, plan.req.assets)) {
    if (item.action === 'unchanged') {
      out.push({ name: item.name, action: 'unchanged', url: item.url });
      continue;
    }
    if (item.replaceId) {
      if (!isDraft) notes.push(`Asset ${item.name} on the published release differs from the file: replacing it.`);
      await call(`delete asset ${item.name}`, () =>
        octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: item.replaceId! }),
      );
    }
    const uploaded = await upload(
      plan,
      release,
      plan.req.assets.find((a) => a.name === item.name)!,
    );
    out.push({ name: item.name, action: item.action, url: uploaded.browser_download_url });
  }
  return out;
}

async function upload(plan: ReleasePlan, release: Release, file: AssetFile): Promise<Asset> {
  const { octokit, owner, repo } = plan;
  try {
    // The release's own upload_url: uploads.github.com on GitHub, beside the API on GHES.
    const response = await octokit.request({
      method: 'POST',
      url: release.upload_url,
      name: file.name,
      data: fs.readFileSync(file.path),
      headers: { 'content-type': 'application/octet-stream', 'content-length': file.size },
    });
    return response.data as Asset;
  } catch (error) {
    if (!isAlreadyExists(error)) throw apiError(error, `upload ${file.name}`);
    // Another run uploaded it meanwhile: fine if it is the same file.
    const { data } = await call('list the assets', () =>
      octokit.rest.repos.listReleaseAssets({ owner, repo, release_id: release.id, per_page: PAGE }),
    );
    const theirs = (data as Asset[]).find((a) => a.name === file.name);
    if (theirs && sameContent(theirs, file)) return theirs;
    throw new ActionError(
      `Asset ${file.name} was uploaded by another run with different content. Run again to replace it.`,
    );
  }
}

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw apiError(error, operation);
  }
}

async function listReleases(octokit: Octokit, owner: string, repo: string): Promise<Release[]> {
  const all: Release[] = [];
  for (let page = 1; ; page++) {
    const { data } = await octokit.rest.repos.listReleases({ owner, repo, per_page: PAGE, page });
    all.push(...(data as Release[]));
    if (data.length < PAGE) return all;
  }
}

/** The release to use among several for one tag: the published one, else the oldest draft. */
function pick(candidates: Release[]): Release | null {
  return candidates.find((r) => !r.draft) ?? [...candidates].sort((a, b) => a.id - b.id)[0] ?? null;
}

/** The highest stable version among the other published releases. */
function latestStable(releases: Release[], req: ReleaseRequest): { tag: string; version: Version } | null {
  const published = releases.filter((r) => !r.draft && !r.prerelease).map((r) => r.tag_name);
  return highestVersionTag({ anyTag: published }, { prefix: req.tagPrefix, stableOnly: true, except: [req.tag] });
}

interface AssetPlan {
  name: string;
  action: 'uploaded' | 'replaced' | 'unchanged';
  url: string;
  replaceId?: number;
}

function planAssets(release: Release, files: AssetFile[]): AssetPlan[] {
  return files.map((file) => {
    const there = release.assets.find((a) => a.name === file.name);
    if (!there) return { name: file.name, action: 'uploaded', url: '' };
    if (there.state === 'uploaded' && sameContent(there, file))
      return { name: file.name, action: 'unchanged', url: there.browser_download_url };
    return { name: file.name, action: 'replaced', url: there.browser_download_url, replaceId: there.id };
  });
}

/** GitHub gives each asset a SHA-256 digest; assets older than mid-2025 have none, then size decides. */
function sameContent(asset: Asset, file: AssetFile): boolean {
  if (asset.digest) return asset.digest === `sha256:${file.sha256}`;
  return asset.size === file.size;
}

function apiError(error: unknown, operation: string): ActionError {
  // Every release call is on contents; the release itself needs write.
  return new ActionError(describeGitHubError(error, { operation, needs: { contents: 'write' } }), { cause: error });
}

function isAlreadyExists(error: unknown): boolean {
  const e = error as { status?: number; response?: { data?: { errors?: { code?: string }[] } } };
  return e.status === 422 && (e.response?.data?.errors ?? []).some((x) => x.code === 'already_exists');
}
