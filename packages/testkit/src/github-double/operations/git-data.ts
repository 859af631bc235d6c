// The git database API (refs, annotated tags, commits), each call a real git command on the bare
// repository.
import { toGitHubDate, type RefEntry } from '../git.ts';
import { ApiError, notFound, type Operation, type OperationContext } from '../model.ts';
import { nodeId, renderGitCommit, repoApiUrl } from '../render.ts';
import { userIdentity } from './identity.ts';

function renderRef(ctx: OperationContext, entry: RefEntry) {
  const kind = entry.type === 'tag' ? 'tags' : `${entry.type}s`;
  return {
    ref: entry.ref,
    node_id: nodeId('Ref', entry.ref),
    url: `${repoApiUrl(ctx)}/git/${entry.ref}`,
    object: { type: entry.type, sha: entry.sha, url: `${repoApiUrl(ctx)}/git/${kind}/${entry.sha}` },
  };
}

/** The `{ref}` of get/update/delete is the ref without `refs/` (`heads/main`, `tags/1.0.0`). */
async function findRef(ctx: OperationContext): Promise<RefEntry | undefined> {
  const entry = await ctx.repo.git.getRef(`refs/${ctx.params.ref}`);
  if (!entry && ctx.params.ref!.startsWith('refs/')) {
    ctx.warn(
      `ref "${ctx.params.ref}" starts with "refs/": this endpoint wants "heads/…" or "tags/…", so GitHub finds nothing.`,
    );
  }
  return entry;
}

async function existingRef(ctx: OperationContext): Promise<RefEntry> {
  const entry = await findRef(ctx);
  if (!entry) throw new ApiError(422, 'Reference does not exist');
  return entry;
}

export const gitDataOperations: Record<string, Operation> = {
  'git/get-ref': {
    permissions: 'contents=read',
    async handle(ctx) {
      const entry = await findRef(ctx);
      if (!entry) throw notFound();
      return { status: 200, body: renderRef(ctx, entry) };
    },
  },

  'git/list-matching-refs': {
    permissions: 'contents=read',
    async handle(ctx) {
      const prefix = `refs/${ctx.params.ref}`;
      const refs = (await ctx.repo.git.listRefs()).filter((r) => r.ref.startsWith(prefix));
      return { status: 200, body: refs.map((r) => renderRef(ctx, r)) };
    },
  },

  'git/create-ref': {
    permissions: 'contents=write',
    async handle(ctx) {
      const { ref, sha } = ctx.body as { ref: string; sha: string };
      // GitHub wants a fully qualified name with at least two slashes (refs/heads/x).
      if (!/^refs\/[^/]+\/./.test(ref) || !(await ctx.repo.git.isValidRefName(ref))) {
        throw new ApiError(422, `${ref} is not a valid ref name.`);
      }
      if (!(await ctx.repo.git.objectType(sha))) throw new ApiError(422, 'Object does not exist');
      if (await ctx.repo.git.getRef(ref)) throw new ApiError(422, 'Reference already exists');
      await ctx.repo.git.setRef(ref, sha, null);
      const body = renderRef(ctx, (await ctx.repo.git.getRef(ref))!);
      return { status: 201, body, headers: { location: body.url } };
    },
  },

  'git/update-ref': {
    permissions: 'contents=write',
    async handle(ctx) {
      const { sha, force = false } = ctx.body as { sha: string; force?: boolean };
      const entry = await existingRef(ctx);
      if (!(await ctx.repo.git.objectType(sha))) throw new ApiError(422, 'Object does not exist');
      if (!force && entry.sha !== sha) {
        // Annotated tags are peeled to their commits; a tree or blob is never a fast forward.
        const [from, to] = await Promise.all([ctx.repo.git.resolveCommit(entry.sha), ctx.repo.git.resolveCommit(sha)]);
        if (!from || !to || !(await ctx.repo.git.isAncestor(from, to)))
          throw new ApiError(422, 'Update is not a fast forward');
      }
      // Compare-and-swap on the old value: a concurrent push between the check and here fails.
      await ctx.repo.git.setRef(entry.ref, sha, entry.sha);
      return { status: 200, body: renderRef(ctx, (await ctx.repo.git.getRef(entry.ref))!) };
    },
  },

  'git/delete-ref': {
    permissions: 'contents=write',
    async handle(ctx) {
      const entry = await existingRef(ctx);
      await ctx.repo.git.deleteRef(entry.ref, entry.sha);
      return { status: 204 };
    },
  },

  'git/create-tag': {
    permissions: 'contents=write',
    async handle(ctx) {
      const { tag, message, object, type, tagger } = ctx.body as {
        tag: string;
        message: string;
        object: string;
        type: string;
        tagger?: { name: string; email: string; date?: string };
      };
      if ((await ctx.repo.git.objectType(object)) !== type) throw new ApiError(422, 'Object does not exist');
      const who = tagger ?? userIdentity(ctx.user);
      const date = tagger?.date ? new Date(tagger.date) : new Date(ctx.services.now());
      const sha = await ctx.repo.git.makeTag(tag, object, type, who, date, message);
      const body = await renderTag(ctx, sha);
      return { status: 201, body, headers: { location: body.url } };
    },
  },

  'git/get-tag': {
    permissions: 'contents=read',
    async handle(ctx) {
      return { status: 200, body: await renderTag(ctx, ctx.params.tag_sha!) };
    },
  },

  'git/get-commit': {
    permissions: 'contents=read',
    async handle(ctx) {
      const sha = ctx.params.commit_sha!;
      if ((await ctx.repo.git.objectType(sha)) !== 'commit') throw notFound();
      return { status: 200, body: renderGitCommit(ctx, await ctx.repo.git.commit(sha)) };
    },
  },
};

async function renderTag(ctx: OperationContext, sha: string) {
  const tag = await ctx.repo.git.tag(sha);
  if (!tag) throw notFound();
  const api = repoApiUrl(ctx);
  return {
    node_id: nodeId('Tag', tag.sha),
    tag: tag.tag,
    sha: tag.sha,
    url: `${api}/git/tags/${tag.sha}`,
    message: tag.message,
    tagger: tag.tagger ?? { name: '', email: '', date: toGitHubDate(new Date(0)) },
    object: { type: tag.type, sha: tag.object, url: `${api}/git/${tag.type}s/${tag.object}` },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}
