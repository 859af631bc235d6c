// The tag half of create-release: an annotated (optionally signed) tag on the release commit,
// pushed without force. An existing tag on the same commit is reused; on another commit it is an
// error and nothing changes. `planTag` only reads, so every check runs before the first write;
// `applyTag` writes, and copes with another run pushing the same tag meanwhile.
import { ActionError, InputError } from '../action/index.ts';
import { reasonLine } from '../exec/index.ts';
import { shortSha } from '../text/index.ts';
import {
  unauthorizedPushFix,
  type Git,
  type Identity,
  type SignatureTrust,
  type SigningSession,
  type TagInfo,
  type TagVerification,
} from '../git/index.ts';

export interface TagRequest {
  name: string;
  /** The commit to tag (a full SHA). */
  commit: string;
  message: string;
  tagger: Identity;
  /** Refuse an existing tag that is not signed (or whose signature does not verify, given trust). */
  requireSigned: boolean;
  trust: SignatureTrust;
  remote?: string;
}

export interface TagPlan {
  /** `reuse`: the remote has it on this commit; `push`: only this clone has it; `create`: nobody has it. */
  action: 'reuse' | 'push' | 'create';
  info: TagInfo | null;
  verification: TagVerification | null;
}

export interface TagOutcome {
  name: string;
  commit: string;
  /** This run made the tag object (in a dry-run: would make it). */
  created: boolean;
  /** This run pushed the tag to the remote. */
  pushed: boolean;
  signature: 'ssh' | 'gpg' | null;
  verification: TagVerification | null;
  note: string;
}

/** What has to be done for the tag; throws, changing nothing, when it cannot be done. */
export async function planTag(git: Git, req: TagRequest, signer: SigningSession | null): Promise<TagPlan> {
  const remote = req.remote ?? 'origin';
  const onRemote = await git.remoteTag(req.name, remote);
  if (onRemote) {
    if (onRemote.commit !== req.commit) {
      throw new ActionError(
        `Tag ${req.name} already exists on ${remote} at commit ${shortSha(onRemote.commit)}, not at ${shortSha(req.commit)}. Nothing was changed. ` +
          `Release from commit ${shortSha(onRemote.commit)}, or delete the tag if it is wrong (git push --delete ${remote} ${req.name}) and run again.`,
      );
    }
    // The remote's tag is the truth; a local one of the same name is replaced by it.
    await git.fetchTag(req.name, remote);
    return {
      action: 'reuse',
      info: await git.tagInfo(req.name),
      verification: req.requireSigned ? await requireSignature(git, req) : null,
    };
  }

  const local = await git.tagInfo(req.name);
  if (local && local.commit !== req.commit) {
    throw new ActionError(
      `A local tag ${req.name} points at ${shortSha(local.commit)}, not at ${shortSha(req.commit)}, and ${remote} has no such tag. Nothing was pushed. ` +
        `Delete the local tag (git tag -d ${req.name}) in an earlier step, or release from ${shortSha(local.commit)}.`,
    );
  }
  if (local)
    return { action: 'push', info: local, verification: req.requireSigned ? await requireSignature(git, req) : null };

  if (req.requireSigned && !signer) {
    throw new InputError(
      'require-signed-tag',
      `is true, but tag ${req.name} does not exist and no signing key was given to make it`,
      'Push the signed tag first (git tag -s), or give signing-key so the action signs it.',
    );
  }
  return { action: 'create', info: null, verification: null };
}

/** What `applyTag` would do, for a dry-run. */
export function describeTagPlan(req: TagRequest, plan: TagPlan, signer: SigningSession | null): TagOutcome {
  const base = {
    name: req.name,
    commit: req.commit,
    signature: plan.info?.signature ?? signer?.kind ?? null,
    verification: plan.verification,
    pushed: false,
  };
  if (plan.action === 'reuse') return { ...base, created: false, note: reuseNote(req, plan.info!) };
  if (plan.action === 'push')
    return {
      ...base,
      created: false,
      note: `Would push the existing local tag ${req.name} (${describe(plan.info!)}).`,
    };
  return {
    ...base,
    created: true,
    note: `Would create the ${kindOf(signer)} tag ${req.name} on ${shortSha(req.commit)} and push it.`,
  };
}

export async function applyTag(
  git: Git,
  req: TagRequest,
  plan: TagPlan,
  signer: SigningSession | null,
): Promise<TagOutcome> {
  const remote = req.remote ?? 'origin';
  if (plan.action === 'reuse') {
    return {
      name: req.name,
      commit: req.commit,
      created: false,
      pushed: false,
      signature: plan.info!.signature,
      verification: plan.verification,
      note: reuseNote(req, plan.info!),
    };
  }
  if (plan.action === 'push') {
    const race = await push(git, req, remote, false);
    if (race) return race;
    return {
      name: req.name,
      commit: req.commit,
      created: false,
      pushed: true,
      signature: plan.info!.signature,
      verification: plan.verification,
      note: `Pushed the existing local tag ${req.name} (${describe(plan.info!)}).`,
    };
  }
  const made = await (signer ? git.with(signer.gitOptions) : git).createTag(req.name, {
    rev: req.commit,
    message: req.message,
    tagger: req.tagger,
    sign: Boolean(signer),
  });
  const race = await push(git, req, remote, true);
  if (race) return race;
  return {
    name: req.name,
    commit: req.commit,
    created: true,
    pushed: true,
    signature: made.signature,
    verification: null,
    note: `Created the ${kindOf(signer)} tag ${req.name} on ${shortSha(req.commit)}${signer ? ` (key ${signer.fingerprint})` : ''}.`,
  };
}

/** Plan and apply in one go (or only plan, in a dry-run). */
export async function ensureTag(
  git: Git,
  req: TagRequest & { dryRun?: boolean },
  signer: SigningSession | null,
): Promise<TagOutcome> {
  const plan = await planTag(git, req, signer);
  return req.dryRun ? describeTagPlan(req, plan, signer) : applyTag(git, req, plan, signer);
}

/**
 * Pushes the tag. When another run pushed the same tag first, its tag is taken if it names the
 * same commit (and this run's local tag is replaced by it); anything else removes what this run
 * made locally and stops.
 */
async function push(git: Git, req: TagRequest, remote: string, madeHere: boolean): Promise<TagOutcome | null> {
  const res = await git.pushTag(req.name, remote);
  if (res.pushed) return null;
  if (res.reason === 'exists') {
    const theirs = await git.remoteTag(req.name, remote);
    if (theirs?.commit === req.commit) {
      await git.fetchTag(req.name, remote);
      const info = (await git.tagInfo(req.name))!;
      const verification = req.requireSigned ? await requireSignature(git, req) : null;
      return {
        name: req.name,
        commit: req.commit,
        created: false,
        pushed: false,
        signature: info.signature,
        verification,
        note: `Another run pushed tag ${req.name} on the same commit first: reused it.`,
      };
    }
    if (madeHere) await git.deleteTag(req.name);
    throw new ActionError(
      `Tag ${req.name} appeared on ${remote} at ${theirs ? shortSha(theirs.commit) : 'another commit'} while this run was making it. Nothing was pushed. Check which commit should be released.`,
    );
  }
  if (madeHere) await git.deleteTag(req.name);
  if (res.reason === 'unauthorized') {
    throw new ActionError(
      `Could not push tag ${req.name} to ${remote}: ${reasonLine(res.message)}. Nothing was pushed. ${unauthorizedPushFix('github-token')}`,
      { input: 'github-token' },
    );
  }
  throw new ActionError(
    `Could not push tag ${req.name} to ${remote}: ${reasonLine(res.message)}. Check that the token may push tags (contents: write) and that no tag protection rule forbids it.`,
  );
}

async function requireSignature(git: Git, req: TagRequest): Promise<TagVerification> {
  const v = await git.verifyTag(req.name, req.trust);
  const haveTrust = Boolean((v.signature === 'ssh' ? req.trust.allowedSigners : req.trust.gpgPublicKeys)?.trim());
  if (!v.signature || (haveTrust && !v.verified)) {
    throw new ActionError(
      `Tag ${req.name} must be signed (require-signed-tag), but ${v.signature ? `its ${v.signature.toUpperCase()} signature does not verify: ${v.detail}` : `${v.detail}`}. Nothing was changed. ` +
        `Push a signed tag (git tag -s ${req.name} -m ${req.name}), or add the signer's key to ${v.signature === 'gpg' ? 'gpg-public-keys' : 'allowed-signers'}.`,
    );
  }
  return v;
}

function reuseNote(req: TagRequest, info: TagInfo): string {
  return `Tag ${req.name} already exists on ${req.remote ?? 'origin'} on this commit (${shortSha(req.commit)}, ${describe(info)}): reused.`;
}

function kindOf(signer: SigningSession | null): string {
  return signer ? `${signer.kind.toUpperCase()}-signed` : 'annotated';
}

function describe(info: { annotated: boolean; signature: 'ssh' | 'gpg' | null }): string {
  if (!info.annotated) return 'lightweight';
  return info.signature ? `${info.signature.toUpperCase()}-signed` : 'annotated, unsigned';
}
