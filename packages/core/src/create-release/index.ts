// create-release: the signed tag on the release commit, then the GitHub release for it, with
// GitHub's notes since the previous stable tag, marked latest only when it is. Every input is
// checked and every read done before the first write; a re-run finds what an earlier run made.
import * as log from '../action/index.ts';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globInside, InputError, oneLine } from '../action/index.ts';
import { SigningKeyError, SigningSession, type Git, type Identity, type SignatureTrust } from '../git/index.ts';
import { highestVersionTag, type Version } from '../version/index.ts';
import {
  applyRelease,
  describeReleasePlan,
  planRelease,
  type AssetFile,
  type GitHubAccess,
  type ReleaseOutcome,
} from './release.ts';
import { applyTag, describeTagPlan, planTag, type TagOutcome, type TagRequest } from './tag.ts';

export * from './release.ts';
export * from './tag.ts';

export interface CreateReleaseOptions {
  git: Git;
  /** The workspace: asset globs are matched from here and may not leave it. */
  workspace: string;
  version: Version;
  tagPrefix: string;
  /** The commit to tag, resolved. */
  commit: string;
  tagMessage: string;
  tagger: Identity;
  signingKey: string;
  signingKeyPassphrase: string;
  requireSigned: boolean;
  trust: SignatureTrust;
  name: string;
  /** `auto`: the previous stable tag for a stable release, the previous tag of any kind for a pre-release. */
  notesSince: 'auto' | 'stable' | 'any' | { tag: string };
  extraBody: string;
  prerelease: boolean;
  makeLatest: 'auto' | boolean;
  existing: 'update' | 'keep';
  assetGlobs: string[];
  assetsRequired: boolean;
  dryRun: boolean;
  /** null: no token (only possible in a dry-run). */
  github: GitHubAccess | null;
  remote?: string;
}

export interface CreateReleaseResult {
  tagName: string;
  tag: TagOutcome;
  previousTag: string | null;
  release: ReleaseOutcome | null;
  assets: AssetFile[];
  notes: string[];
}

export async function createRelease(opts: CreateReleaseOptions): Promise<CreateReleaseResult> {
  const tagName = `${opts.tagPrefix}${opts.version.raw}`;
  const notes: string[] = [];

  // 1. Inputs that need the file system: the assets exist, the key loads.
  const assets = resolveAssets(opts.workspace, opts.assetGlobs, opts.assetsRequired);
  const signer = opts.signingKey ? await startSigning(opts) : null;
  try {
    // A tag named for the notes must exist; asked before anything is fetched.
    if (typeof opts.notesSince === 'object') {
      const wanted = opts.notesSince.tag;
      if (!(await opts.git.tagInfo(wanted)) && !(await opts.git.remoteTag(wanted, opts.remote))) {
        throw new InputError(
          'notes-since',
          `tag "${wanted}" does not exist`,
          'Give an existing tag, or stable, any or auto.',
        );
      }
    }
    // 2. Reads: the tag on the remote (a tag on another commit, or an unsigned one under
    // require-signed-tag, stops the run before even the clone changes), history and tags for
    // the previous tag, then the repository's releases and the notes (a token that may not write
    // stops the run there). Nothing is written before all of them passed.
    const tagRequest: TagRequest = {
      name: tagName,
      commit: opts.commit,
      message: opts.tagMessage,
      tagger: opts.tagger,
      requireSigned: opts.requireSigned,
      trust: opts.trust,
      remote: opts.remote,
    };
    const tagPlan = await planTag(opts.git, tagRequest, signer);
    const previousTag = await log.group('Reading tags', async () => {
      log.info(`history: ${await opts.git.ensureHistory(opts.remote)}`);
      return findPreviousTag(opts, tagName);
    });
    const releasePlan = opts.github
      ? await log.group(`Looking up the release for ${tagName}`, () =>
          planRelease(opts.github!, {
            tag: tagName,
            commit: opts.commit,
            version: opts.version,
            tagPrefix: opts.tagPrefix,
            name: opts.name,
            previousTag,
            extraBody: opts.extraBody,
            prerelease: opts.prerelease,
            makeLatest: opts.makeLatest,
            existing: opts.existing,
            assets,
          }),
        )
      : null;
    if (!releasePlan) notes.push('dry-run without a token: the release was not looked up.');

    // 3. Writes (or, in a dry-run, what they would be).
    const tag = opts.dryRun
      ? describeTagPlan(tagRequest, tagPlan, signer)
      : await log.group(`Tag ${tagName}`, () => applyTag(opts.git, tagRequest, tagPlan, signer));
    log.info(tag.note);
    if (tag.verification) log.info(`signature: ${tag.verification.detail}`);
    let release: ReleaseOutcome | null = null;
    if (releasePlan) {
      release = opts.dryRun
        ? describeReleasePlan(releasePlan)
        : await log.group(`Release ${tagName}`, () => applyRelease(releasePlan));
      for (const n of release.notes) log.info(n);
    }
    if (opts.dryRun) {
      log.startGroup('dry-run: what would be made');
      try {
        log.info(`tag:        ${oneLine(tagName)} on ${opts.commit} (${tag.note})`);
        log.info(`message:    ${oneLine(opts.tagMessage)}`);
        if (release) {
          log.info(
            `release:    "${oneLine(release.name)}" (${release.operation}), prerelease ${release.prerelease}, latest ${release.latest}`,
          );
          for (const a of release.assets) log.info(`asset:      ${oneLine(a.name)} (${a.action})`);
          log.info(`body:\n${release.body}`);
        }
      } finally {
        log.endGroup();
      }
    }
    return { tagName, tag, previousTag, release, assets, notes };
  } finally {
    await signer?.close();
  }
}

async function startSigning(opts: CreateReleaseOptions): Promise<SigningSession> {
  try {
    return await SigningSession.start(opts.signingKey, { passphrase: opts.signingKeyPassphrase || undefined });
  } catch (e) {
    if (!(e instanceof SigningKeyError)) throw e;
    throw new InputError(e.field === 'key' ? 'signing-key' : 'signing-key-passphrase', e.problem, e.fix);
  }
}

/**
 * The tag the notes start from: the highest version tag below this version, stable only unless
 * this is a pre-release (`auto`) or `any` is asked; or the tag given.
 */
export async function findPreviousTag(
  opts: Pick<CreateReleaseOptions, 'git' | 'version' | 'tagPrefix' | 'notesSince'>,
  tagName: string,
): Promise<string | null> {
  const tags = await opts.git.lines(['tag', '--list']);
  if (typeof opts.notesSince === 'object') {
    const wanted = opts.notesSince.tag;
    if (!tags.includes(wanted))
      throw new InputError(
        'notes-since',
        `tag "${wanted}" does not exist`,
        'Give an existing tag, or stable, any or auto.',
      );
    return wanted;
  }
  const stableOnly = opts.notesSince === 'stable' || (opts.notesSince === 'auto' && !opts.version.isPrerelease);
  const previous = highestVersionTag(
    { anyTag: tags },
    { prefix: opts.tagPrefix, below: opts.version, stableOnly, except: [tagName] },
  );
  return previous?.tag ?? null;
}

/**
 * Files matching the globs, each held to the containment rule (its real path inside the
 * workspace or RUNNER_TEMP); a glob that matches nothing is an error when required.
 */
export function resolveAssets(workspace: string, globs: string[], required: boolean): AssetFile[] {
  const found = new Map<string, AssetFile>();
  for (const pattern of globs) {
    const matches = globInside('assets', pattern, { base: workspace, workspace, allowRunnerTemp: true });
    if (matches.length === 0 && required) {
      throw new InputError(
        'assets',
        `${JSON.stringify(pattern)} matches no file in ${workspace}`,
        'Build the files first (e.g. pdm build), fix the glob, or set assets-required: false.',
      );
    }
    for (const abs of matches.sort()) {
      const name = path.basename(abs);
      const clash = [...found.values()].find((a) => a.name === name && a.path !== abs);
      if (clash)
        throw new InputError(
          'assets',
          `two files would be uploaded as ${JSON.stringify(name)} (${path.relative(workspace, clash.path)} and ${path.relative(workspace, abs)})`,
          'Make the globs match one file per name.',
        );
      const data = fs.readFileSync(abs);
      found.set(abs, { path: abs, name, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    }
  }
  return [...found.values()];
}
