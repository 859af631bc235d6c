// The GitHub half of create-release: one release per tag, found before anything is made, made as
// a draft when it gets assets (so it also works where published releases are immutable), and
// brought to the wanted state with as few requests as the state allows.
//
// Requests on the paths that matter (recorded by the API double in the tests):
//   new release, no assets      list + generate-notes + create                      = 3
//   new release, n assets       list + generate-notes + create draft + list + n uploads + publish
//   re-run, `existing: update`  list + generate-notes (+ update only if something differs)
//   re-run, `existing: keep`    list
import * as fs from 'node:fs';
import { ActionError } from '../action/index.ts';
import { describeGitHubError, getGitHubClient, parseRepository } from '../github/index.ts';
import { compareVersions, isVersionTag, type Version } from '../version/index.ts';

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
  dryRun: boolean;
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

export async function publishRelease(access: GitHubAccess, req: ReleaseRequest): Promise<ReleaseOutcome> {
  const { owner, repo } = parseRepository(access.repository);
  const octokit = await getGitHubClient({ token: access.token, baseUrl: access.apiUrl });
  const notes: string[] = [];
  const api = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw describeGitHubError(error, what);
    }
  };

  // 1. Everything the repository already has, drafts included (a draft is not found by tag).
  const releases = await api('listing the releases', () => listReleases(octokit, owner, repo));
  const previousLatest = latestStable(releases, req);
  const latest = req.makeLatest === 'auto' ? !req.prerelease && (!previousLatest || compareVersions(req.version, previousLatest.version) > 0) : req.makeLatest;
  if (req.makeLatest === 'auto') {
    notes.push(
      latest
        ? `Marked latest: ${req.version.raw} is a stable version above ${previousLatest ? `the latest release ${previousLatest.tag}` : 'every release (first stable release)'}.`
        : req.prerelease
          ? `Not marked latest: ${req.version.raw} is a pre-release.`
          : `Not marked latest: the latest release ${previousLatest!.tag} is higher than ${req.version.raw}.`,
    );
  }
  let existing = pick(releases.filter((r) => r.tag_name === req.tag));

  // 2. The body: the extra text, then GitHub's notes since the previous tag.
  const wantBody = async (): Promise<string> => {
    const { data } = await api('generating the release notes', () =>
      octokit.rest.repos.generateReleaseNotes({
        owner,
        repo,
        tag_name: req.tag,
        target_commitish: req.commit,
        ...(req.previousTag ? { previous_tag_name: req.previousTag } : {}),
      }),
    );
    return [req.extraBody.trim(), data.body.trim()].filter(Boolean).join('\n\n');
  };
  let body: string | null = existing && req.existing === 'keep' && !existing.draft ? null : await wantBody();

  const outcome = (r: Release | null, operation: ReleaseOperation, assets: AssetOutcome[]): ReleaseOutcome => ({
    id: r?.id ?? 0,
    url: r?.html_url ?? '',
    uploadUrl: r?.upload_url ?? '',
    operation,
    prerelease: r ? r.prerelease : req.prerelease,
    latest,
    previousLatest: previousLatest?.tag ?? null,
    name: r?.name ?? req.name,
    body: body ?? r?.body ?? '',
    assets,
    notes,
  });

  // 3. A new release: published at once without assets, else a draft that gets them first.
  if (!existing) {
    if (req.dryRun) {
      notes.push(`dry-run: would create release "${req.name}" for ${req.tag}${req.assets.length ? ` as a draft, upload ${req.assets.length} asset(s), then publish it` : ''}.`);
      return outcome(null, 'created', req.assets.map((a) => ({ name: a.name, action: 'uploaded', url: '' })));
    }
    const draft = req.assets.length > 0;
    let created: Release | null = null;
    try {
      const { data } = await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: req.tag,
        target_commitish: req.commit,
        name: req.name,
        body: body!,
        draft,
        prerelease: req.prerelease,
        ...(draft ? {} : { make_latest: latest ? 'true' : 'false' }),
      });
      created = data as Release;
    } catch (error) {
      // Another run published a release for this tag between our list and our create.
      if (!isAlreadyExists(error)) throw describeGitHubError(error, `creating release ${req.tag}`);
      notes.push(`Another run created the release for ${req.tag} first: using it.`);
      existing = pick((await api('listing the releases', () => listReleases(octokit, owner, repo))).filter((r) => r.tag_name === req.tag));
      if (!existing) throw new ActionError(`GitHub said a release for ${req.tag} already exists, but none is listed. Run again.`);
    }
    if (created && !draft) return outcome(created, 'created', []);
    if (created) {
      // Two runs may each have made a draft (drafts do not reserve the tag): the lowest id wins,
      // the other run deletes its own and carries on with the winner.
      const same = (await api('listing the releases', () => listReleases(octokit, owner, repo))).filter((r) => r.tag_name === req.tag);
      const winner = pick(same) ?? created;
      if (winner.id !== created.id) {
        await api('deleting a duplicate draft', () => octokit.rest.repos.deleteRelease({ owner, repo, release_id: created!.id }));
        notes.push(`Another run made a release for ${req.tag} at the same time: deleted this run's draft, completing release ${winner.id}.`);
        existing = winner;
      } else {
        const assets = await syncAssets(created, true);
        const published = await api('publishing the release', () =>
          octokit.rest.repos.updateRelease({ owner, repo, release_id: created!.id, draft: false, make_latest: latest ? 'true' : 'false' }),
        );
        return outcome(published.data as Release, 'created', assets);
      }
    }
  }

  // 4. An existing release: completed when it is a draft, otherwise updated or left alone.
  const r = existing!;
  if (req.existing === 'keep' && !r.draft) {
    notes.push(`Release ${r.id} for ${req.tag} exists; existing-release is keep: left as it is.`);
    const assets = req.assets.map((a) => ({ name: a.name, action: 'skipped' as const, url: r.assets.find((x) => x.name === a.name)?.browser_download_url ?? '' }));
    return outcome(r, 'unchanged', assets);
  }
  body ??= await wantBody();
  const changes: Record<string, unknown> = {};
  if ((r.name ?? '') !== req.name) changes.name = req.name;
  if ((r.body ?? '').trim() !== body.trim()) changes.body = body;
  if (r.prerelease !== req.prerelease) changes.prerelease = req.prerelease;
  if (r.draft) changes.draft = false;
  const assetPlan = planAssets(r, req.assets);
  const assetWork = assetPlan.some((a) => a.action !== 'unchanged');
  if (req.dryRun) {
    const what = [...Object.keys(changes).map((k) => (k === 'draft' ? 'publish the draft' : `change ${k}`)), ...assetPlan.filter((a) => a.action !== 'unchanged').map((a) => `${a.action === 'replaced' ? 'replace' : 'upload'} ${a.name}`)];
    notes.push(what.length ? `dry-run: would update release ${r.id}: ${what.join(', ')}.` : `dry-run: release ${r.id} is already as wanted.`);
    return outcome(r, what.length ? 'updated' : 'unchanged', assetPlan.map((a) => ({ name: a.name, action: a.action, url: a.url })));
  }
  const assets = assetWork ? await syncAssets(r, r.draft) : assetPlan.map((a) => ({ name: a.name, action: a.action, url: a.url }));
  if (Object.keys(changes).length === 0) {
    if (!assetWork) notes.push(`Release ${r.id} for ${req.tag} is already as wanted.`);
    return outcome(r, assetWork ? 'updated' : 'unchanged', assets);
  }
  const updated = await api(`updating release ${r.id}`, () =>
    octokit.rest.repos.updateRelease({ owner, repo, release_id: r.id, ...changes, make_latest: latest ? 'true' : 'false' }),
  );
  return outcome(updated.data as Release, 'updated', assets);

  /** Uploads what is missing or different; the same name with the same content is skipped. */
  async function syncAssets(release: Release, isDraft: boolean): Promise<AssetOutcome[]> {
    const out: AssetOutcome[] = [];
    for (const plan of planAssets(release, req.assets)) {
      const file = req.assets.find((a) => a.name === plan.name)!;
      if (plan.action === 'unchanged') {
        out.push({ name: plan.name, action: 'unchanged', url: plan.url });
        continue;
      }
      if (plan.replaceId) {
        if (!isDraft) notes.push(`Asset ${plan.name} on the published release differs from the file: replacing it.`);
        await api(`deleting asset ${plan.name}`, () => octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: plan.replaceId! }));
      }
      const uploaded = await upload(release, file);
      out.push({ name: plan.name, action: plan.action, url: uploaded.browser_download_url });
    }
    return out;
  }

  async function upload(release: Release, file: AssetFile): Promise<Asset> {
    try {
      const { data } = await octokit.request({
        method: 'POST',
        url: release.upload_url,
        name: file.name,
        data: fs.readFileSync(file.path),
        headers: { 'content-type': 'application/octet-stream', 'content-length': file.size },
      });
      return data as Asset;
    } catch (error) {
      if (!isAlreadyExists(error)) throw describeGitHubError(error, `uploading ${file.name}`);
      // Another run uploaded it meanwhile: fine if it is the same file.
      const { data } = await api('listing the assets', () => octokit.rest.repos.listReleaseAssets({ owner, repo, release_id: release.id, per_page: PAGE }));
      const theirs = (data as Asset[]).find((a) => a.name === file.name);
      if (theirs && sameContent(theirs, file)) return theirs;
      throw new ActionError(`Asset ${file.name} was uploaded by another run with different content. Run again to replace it.`);
    }
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
  let best: { tag: string; version: Version } | null = null;
  for (const r of releases) {
    if (r.draft || r.prerelease || r.tag_name === req.tag) continue;
    const v = isVersionTag(r.tag_name, req.tagPrefix);
    if (v && !v.isPrerelease && (!best || compareVersions(v, best.version) > 0)) best = { tag: r.tag_name, version: v };
  }
  return best;
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
    if (there.state === 'uploaded' && sameContent(there, file)) return { name: file.name, action: 'unchanged', url: there.browser_download_url };
    return { name: file.name, action: 'replaced', url: there.browser_download_url, replaceId: there.id };
  });
}

/** GitHub gives each asset a SHA-256 digest; assets older than mid-2025 have none, then size decides. */
function sameContent(asset: Asset, file: AssetFile): boolean {
  if (asset.digest) return asset.digest === `sha256:${file.sha256}`;
  return asset.size === file.size;
}

function isAlreadyExists(error: unknown): boolean {
  const e = error as { status?: number; response?: { data?: { errors?: { code?: string }[] } } };
  return e.status === 422 && (e.response?.data?.errors ?? []).some((x) => x.code === 'already_exists');
}
