// Releases, their assets and generated notes. Releases live in memory; their tags are real refs
// in the bare repository, created the way GitHub creates them when a release is published.
import { createHash, randomBytes } from 'node:crypto';
import {
  ApiError,
  notFound,
  validationFailed,
  type Asset,
  type MakeLatest,
  type Operation,
  type OperationContext,
  type PullRequest,
  type Release,
  type RepoState,
} from '../model.ts';
import { nodeId, paginate, renderUser, repoApiUrl, repoHtmlUrl } from '../render.ts';

function isImmutable(repo: RepoState, release: Release): boolean {
  return repo.immutableReleases && !release.draft;
}

function renderAsset(ctx: OperationContext, release: Release, asset: Asset) {
  return {
    url: `${repoApiUrl(ctx)}/releases/assets/${asset.id}`,
    browser_download_url: `${repoHtmlUrl(ctx)}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: nodeId('ReleaseAsset', asset.id),
    name: asset.name,
    label: asset.label,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.data.length,
    digest: `sha256:${createHash('sha256').update(asset.data).digest('hex')}`,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    uploader: renderUser(ctx, asset.uploader),
  };
}

function renderRelease(ctx: OperationContext, r: Release) {
  const api = `${repoApiUrl(ctx)}/releases/${r.id}`;
  const tagPath = r.draft ? `untagged-${r.untaggedSlug}` : encodeURIComponent(r.tagName);
  return {
    url: api,
    html_url: `${repoHtmlUrl(ctx)}/releases/tag/${tagPath}`,
    assets_url: `${api}/assets`,
    upload_url: `${ctx.services.apiUrl}/uploads/repos/${ctx.repo.fullName}/releases/${r.id}/assets{?name,label}`,
    tarball_url: r.draft ? null : `${repoApiUrl(ctx)}/tarball/${encodeURIComponent(r.tagName)}`,
    zipball_url: r.draft ? null : `${repoApiUrl(ctx)}/zipball/${encodeURIComponent(r.tagName)}`,
    id: r.id,
    node_id: nodeId('Release', r.id),
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    immutable: isImmutable(ctx.repo, r),
    created_at: r.createdAt,
    published_at: r.publishedAt,
    updated_at: r.publishedAt ?? r.createdAt,
    author: renderUser(ctx, r.author),
    assets: r.assets.map((a) => renderAsset(ctx, r, a)),
  };
}

/** Drafts exist only for those who may write the repository's contents, as on GitHub. */
function visibleReleases(ctx: OperationContext): Release[] {
  return ctx.can('contents', 'write') ? ctx.repo.releases : ctx.repo.releases.filter((r) => !r.draft);
}

function findRelease(ctx: OperationContext, id: number): Release {
  const release = visibleReleases(ctx).find((r) => r.id === id);
  if (!release) throw notFound();
  return release;
}

function newestFirst(a: Release, b: Release): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
}

/**
 * The release GitHub calls latest: the one last marked `make_latest: "true"`, else ("legacy")
 * the newest published release that is no prerelease and was not created with "false".
 */
export function latestRelease(repo: RepoState): Release | undefined {
  const eligible = (r: Release) => !r.draft && !r.prerelease;
  const pinned = repo.releases.find((r) => r.id === repo.latestReleaseId);
  if (pinned && eligible(pinned)) return pinned;
  return repo.releases.filter((r) => eligible(r) && r.makeLatest !== 'false').sort(newestFirst)[0];
}

function applyMakeLatest(repo: RepoState, release: Release, makeLatest: MakeLatest): void {
  release.makeLatest = makeLatest;
  if (makeLatest === 'true' && !release.draft && !release.prerelease) repo.latestReleaseId = release.id;
  else if (makeLatest === 'legacy' || repo.latestReleaseId === release.id) repo.latestReleaseId = null;
}

function assertTagFree(ctx: OperationContext, tagName: string, except?: Release): void {
  if (ctx.repo.releases.some((r) => r !== except && !r.draft && r.tagName === tagName)) {
    throw validationFailed({ resource: 'Release', code: 'already_exists', field: 'tag_name' });
  }
}

async function assertValidTagName(ctx: OperationContext, tagName: string): Promise<void> {
  if (!(await ctx.repo.git.isValidRefName(`refs/tags/${tagName}`))) {
    throw validationFailed({ resource: 'Release', code: 'invalid', field: 'tag_name' });
  }
}

/** The commit a release's tag is (or will be) on. */
async function releaseCommit(ctx: OperationContext, tagName: string, targetCommitish: string): Promise<string> {
  const tagged = await ctx.repo.git.resolveCommit(`refs/tags/${tagName}`);
  if (tagged) return tagged;
  const target = await ctx.repo.git.resolveCommit(targetCommitish);
  if (!target) throw validationFailed({ resource: 'Release', code: 'invalid', field: 'target_commitish' });
  return target;
}

/** Publishing a release whose tag does not exist creates a lightweight tag on its target. */
async function ensureTag(ctx: OperationContext, release: Release): Promise<void> {
  const ref = `refs/tags/${release.tagName}`;
  if (await ctx.repo.git.getRef(ref)) return;
  await ctx.repo.git.setRef(ref, await releaseCommit(ctx, release.tagName, release.targetCommitish), null);
}

/**
 * Notes as GitHub generates them: the pull requests that landed commits between the previous
 * release's tag and this one, one line each (`* <title> by @<author> in <url>`), then "New
 * Contributors" (authors whose first merged pull request is among them), then the changelog
 * link. Commits pushed without a pull request are not listed: with none, only the link remains
 * (https://docs.github.com/repositories/releasing-projects-on-github/automatically-generated-release-notes).
 */
async function generateNotes(
  ctx: OperationContext,
  {
    tagName,
    targetCommitish,
    previousTagName,
  }: { tagName: string; targetCommitish?: string; previousTagName?: string },
): Promise<{ name: string; body: string }> {
  const git = ctx.repo.git;
  const end = await releaseCommit(ctx, tagName, targetCommitish ?? ctx.repo.defaultBranch);
  let previous: { tag: string; sha: string } | undefined;
  if (previousTagName !== undefined) {
    const sha = await git.resolveCommit(`refs/tags/${previousTagName}`);
    if (!sha) throw validationFailed({ resource: 'Release', code: 'invalid', field: 'previous_tag_name' });
    previous = { tag: previousTagName, sha };
  } else {
    // Like GitHub: the newest published release before this one whose tag is in this history.
    for (const r of ctx.repo.releases
      .filter((r) => !r.draft && !r.prerelease && r.tagName !== tagName)
      .sort(newestFirst)) {
      const sha = await git.resolveCommit(`refs/tags/${r.tagName}`);
      if (sha && (await git.isAncestor(sha, end))) {
        previous = { tag: r.tagName, sha };
        break;
      }
    }
  }
  const range = previous ? [end, `^${previous.sha}`] : [end];
  const inRange = new Set((await git.log(range)).map((c) => c.sha));
  const merged = ctx.repo.pulls
    .filter((p) => p.mergedAt)
    .sort((a, b) => a.mergedAt!.localeCompare(b.mergedAt!) || a.number - b.number);
  const included = merged.filter((p) => p.landedCommits.some((sha) => inRange.has(sha)));
  const url = (p: PullRequest) => `${repoHtmlUrl(ctx)}/pull/${p.number}`;
  const lines = included.map((p) => `* ${p.title} by @${p.user.login} in ${url(p)}`);
  const newcomers = included.filter((p, i) => {
    const first = merged.find((m) => m.user.login === p.user.login);
    return first === p && included.findIndex((q) => q.user.login === p.user.login) === i;
  });
  const changelog = previous
    ? `${repoHtmlUrl(ctx)}/compare/${previous.tag}...${tagName}`
    : `${repoHtmlUrl(ctx)}/commits/${tagName}`;
  const sections = lines.length ? [`## What's Changed\n${lines.join('\n')}`] : [];
  if (newcomers.length)
    sections.push(
      `## New Contributors\n${newcomers.map((p) => `* @${p.user.login} made their first contribution in ${url(p)}`).join('\n')}`,
    );
  sections.push(`**Full Changelog**: ${changelog}`);
  return { name: tagName, body: sections.join('\n\n') };
}

/** GitHub renames uploaded files: characters outside this set become dots. */
function sanitizeAssetName(name: string): string {
  return name.replace(/[^A-Za-z0-9._+-]/g, '.');
}

function assertAssetsMutable(ctx: OperationContext, release: Release): void {
  if (isImmutable(ctx.repo, release)) throw new ApiError(422, 'Cannot modify the assets of an immutable release.');
}

function findAsset(ctx: OperationContext): { release: Release; asset: Asset } {
  const id = Number(ctx.params.asset_id);
  for (const release of visibleReleases(ctx)) {
    const asset = release.assets.find((a) => a.id === id);
    if (asset) return { release, asset };
  }
  throw notFound();
}

export const releaseOperations: Record<string, Operation> = {
  'repos/create-release': {
    permissions: 'contents=write',
    async handle(ctx) {
      const body = ctx.body as {
        tag_name: string;
        target_commitish?: string;
        name?: string;
        body?: string;
        draft?: boolean;
        prerelease?: boolean;
        generate_release_notes?: boolean;
        make_latest?: MakeLatest;
      };
      const draft = body.draft ?? false;
      await assertValidTagName(ctx, body.tag_name);
      if (!draft) assertTagFree(ctx, body.tag_name);
      const targetCommitish = body.target_commitish ?? ctx.repo.defaultBranch;
      await releaseCommit(ctx, body.tag_name, targetCommitish);
      let { name = null, body: text = null } = body;
      if (body.generate_release_notes) {
        const notes = await generateNotes(ctx, { tagName: body.tag_name, targetCommitish });
        // GitHub puts a given body before the generated notes.
        text = text ? `${text}\n\n${notes.body}` : notes.body;
        name ??= notes.name;
      }
      const now = ctx.services.now();
      const release: Release = {
        id: ctx.services.nextId(),
        tagName: body.tag_name,
        targetCommitish,
        name,
        body: text,
        draft,
        prerelease: body.prerelease ?? false,
        makeLatest: body.make_latest ?? 'true',
        untaggedSlug: randomBytes(10).toString('hex'),
        createdAt: now,
        publishedAt: draft ? null : now,
        author: ctx.user,
        assets: [],
      };
      if (!draft) await ensureTag(ctx, release);
      ctx.repo.releases.push(release);
      if (!draft) applyMakeLatest(ctx.repo, release, release.makeLatest);
      const rendered = renderRelease(ctx, release);
      return { status: 201, body: rendered, headers: { location: rendered.url } };
    },
  },

  'repos/update-release': {
    permissions: 'contents=write',
    async handle(ctx) {
      const release = findRelease(ctx, Number(ctx.params.release_id));
      const body = ctx.body as Partial<{
        tag_name: string;
        target_commitish: string;
        name: string;
        body: string;
        draft: boolean;
        prerelease: boolean;
        make_latest: MakeLatest;
      }>;
      const tagName = body.tag_name ?? release.tagName;
      const draft = body.draft ?? release.draft;
      const publishing = release.draft && !draft;
      if (tagName !== release.tagName) {
        if (isImmutable(ctx.repo, release)) throw new ApiError(422, 'Cannot change the tag of an immutable release.');
        await assertValidTagName(ctx, tagName);
      }
      if (!draft) assertTagFree(ctx, tagName, release);
      const targetCommitish = body.target_commitish ?? release.targetCommitish;
      if (!draft) await releaseCommit(ctx, tagName, targetCommitish);

      Object.assign(release, { tagName, targetCommitish, draft });
      if (body.name !== undefined) release.name = body.name;
      if (body.body !== undefined) release.body = body.body;
      if (body.prerelease !== undefined) release.prerelease = body.prerelease;
      if (!draft) await ensureTag(ctx, release);
      if (publishing) release.publishedAt = ctx.services.now();
      if (draft) release.publishedAt = null;
      // The latest mark moves when a release is published, or when asked for explicitly.
      if (publishing || body.make_latest !== undefined)
        applyMakeLatest(ctx.repo, release, body.make_latest ?? release.makeLatest);
      return { status: 200, body: renderRelease(ctx, release) };
    },
  },

  'repos/get-release': {
    permissions: 'contents=read',
    handle(ctx) {
      return { status: 200, body: renderRelease(ctx, findRelease(ctx, Number(ctx.params.release_id))) };
    },
  },

  'repos/get-release-by-tag': {
    permissions: 'contents=read',
    handle(ctx) {
      // Drafts are never found by tag: they have no tag until published.
      const release = ctx.repo.releases.find((r) => !r.draft && r.tagName === ctx.params.tag);
      if (!release) throw notFound();
      return { status: 200, body: renderRelease(ctx, release) };
    },
  },

  'repos/get-latest-release': {
    permissions: 'contents=read',
    handle(ctx) {
      const release = latestRelease(ctx.repo);
      if (!release) throw notFound();
      return { status: 200, body: renderRelease(ctx, release) };
    },
  },

  'repos/list-releases': {
    permissions: 'contents=read',
    handle(ctx) {
      return paginate(
        ctx,
        [...visibleReleases(ctx)].sort(newestFirst).map((r) => renderRelease(ctx, r)),
      );
    },
  },

  'repos/delete-release': {
    permissions: 'contents=write',
    handle(ctx) {
      const release = findRelease(ctx, Number(ctx.params.release_id));
      ctx.repo.releases.splice(ctx.repo.releases.indexOf(release), 1);
      if (ctx.repo.latestReleaseId === release.id) ctx.repo.latestReleaseId = null;
      return { status: 204 };
    },
  },

  'repos/generate-release-notes': {
    permissions: 'contents=write',
    async handle(ctx) {
      const body = ctx.body as {
        tag_name: string;
        target_commitish?: string;
        previous_tag_name?: string;
        configuration_file_path?: string;
      };
      if (body.configuration_file_path !== undefined) {
        ctx.warn('repos/generate-release-notes: the double ignores configuration_file_path (release.yml categories).');
      }
      const notes = await generateNotes(ctx, {
        tagName: body.tag_name,
        targetCommitish: body.target_commitish,
        previousTagName: body.previous_tag_name,
      });
      return { status: 200, body: notes };
    },
  },

  'repos/list-release-assets': {
    permissions: 'contents=read',
    handle(ctx) {
      const release = findRelease(ctx, Number(ctx.params.release_id));
      return paginate(
        ctx,
        release.assets.map((a) => renderAsset(ctx, release, a)),
      );
    },
  },

  'repos/upload-release-asset': {
    permissions: 'contents=write',
    handle(ctx) {
      const release = findRelease(ctx, Number(ctx.params.release_id));
      assertAssetsMutable(ctx, release);
      const name = sanitizeAssetName(ctx.query.name!);
      if (release.assets.some((a) => a.name === name)) {
        throw validationFailed({ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' });
      }
      const now = ctx.services.now();
      const asset: Asset = {
        id: ctx.services.nextId(),
        name,
        label: ctx.query.label ?? null,
        contentType: String(ctx.headers['content-type'] ?? 'application/octet-stream'),
        data: ctx.rawBody,
        createdAt: now,
        updatedAt: now,
        uploader: ctx.user,
      };
      release.assets.push(asset);
      return { status: 201, body: renderAsset(ctx, release, asset) };
    },
  },

  'repos/get-release-asset': {
    permissions: 'contents=read',
    handle(ctx) {
      const { release, asset } = findAsset(ctx);
      // With `accept: application/octet-stream` GitHub hands out the bytes (via a redirect).
      if (String(ctx.headers.accept ?? '').includes('application/octet-stream')) {
        return { status: 200, body: asset.data, headers: { 'content-type': asset.contentType } };
      }
      return { status: 200, body: renderAsset(ctx, release, asset) };
    },
  },

  'repos/delete-release-asset': {
    permissions: 'contents=write',
    handle(ctx) {
      const { release, asset } = findAsset(ctx);
      assertAssetsMutable(ctx, release);
      release.assets.splice(release.assets.indexOf(asset), 1);
      return { status: 204 };
    },
  },
};
