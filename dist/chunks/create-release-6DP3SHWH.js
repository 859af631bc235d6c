import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  describeGitHubError,
  getGitHubClient,
  parseRepository
} from "./chunk-SLGY6V2T.js";
import {
  shortSha
} from "./chunk-GHLILGNZ.js";
import {
  compareVersions,
  highestVersionTag
} from "./chunk-KOIZJGE4.js";
import {
  SigningKeyError,
  SigningSession,
  unauthorizedPushFix
} from "./chunk-WASA436V.js";
import {
  reasonLine
} from "./chunk-2VELUGMP.js";
import {
  endGroup,
  globInside,
  group,
  info,
  oneLine,
  startGroup
} from "./chunk-44VCN7XQ.js";
import "./chunk-EF3Y6A4G.js";
import {
  ActionError,
  InputError
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/create-release/index.ts
var fs2 = __toESM(require_fs(), 1);
import { createHash } from "node:crypto";
import * as path from "node:path";

// packages/core/src/create-release/release.ts
var fs = __toESM(require_fs(), 1);
var PAGE = 100;
async function planRelease(access, req) {
  const { owner, repo } = parseRepository(access.repository);
  const octokit = await getGitHubClient({ token: access.token, baseUrl: access.apiUrl });
  const notes = [];
  const releases = await call("list the releases", () => listReleases(octokit, owner, repo));
  const previousLatest = latestStable(releases, req);
  const latest = req.makeLatest === "auto" ? !req.prerelease && (!previousLatest || compareVersions(req.version, previousLatest.version) > 0) : req.makeLatest;
  if (req.makeLatest === "auto") {
    notes.push(
      latest ? `Marked latest: ${req.version.raw} is a stable version above ${previousLatest ? `the latest release ${previousLatest.tag}` : "every release (first stable release)"}.` : req.prerelease ? `Not marked latest: ${req.version.raw} is a pre-release.` : `Not marked latest: the latest release ${previousLatest.tag} is higher than ${req.version.raw}.`
    );
  }
  const existing = pick(releases.filter((r) => r.tag_name === req.tag));
  const plan = { req, octokit, owner, repo, existing, previousLatest, latest, body: null, notes };
  if (!(existing && req.existing === "keep" && !existing.draft)) plan.body = await wantedBody(plan);
  return plan;
}
async function wantedBody({ octokit, owner, repo, req }) {
  const { data } = await call(
    "generate the release notes",
    () => octokit.rest.repos.generateReleaseNotes({
      owner,
      repo,
      tag_name: req.tag,
      target_commitish: req.commit,
      ...req.previousTag ? { previous_tag_name: req.previousTag } : {}
    })
  );
  return [req.extraBody.trim(), data.body.trim()].filter(Boolean).join("\n\n");
}
function outcome(plan, r, operation, assets) {
  return {
    id: r?.id ?? 0,
    url: r?.html_url ?? "",
    uploadUrl: r?.upload_url ?? "",
    operation,
    prerelease: r ? r.prerelease : plan.req.prerelease,
    latest: plan.latest,
    previousLatest: plan.previousLatest?.tag ?? null,
    name: r?.name ?? plan.req.name,
    body: plan.body ?? r?.body ?? "",
    assets,
    notes: plan.notes
  };
}
function describeReleasePlan(plan) {
  const { req, existing: r } = plan;
  if (!r) {
    plan.notes.push(
      `dry-run: would create release "${req.name}" for ${req.tag}${req.assets.length ? ` as a draft, upload ${req.assets.length} asset(s), then publish it` : ""}.`
    );
    return outcome(
      plan,
      null,
      "created",
      req.assets.map((a) => ({ name: a.name, action: "uploaded", url: "" }))
    );
  }
  if (req.existing === "keep" && !r.draft) {
    plan.notes.push(
      `dry-run: release ${r.id} for ${req.tag} exists and existing-release is keep: it would be left as it is.`
    );
    return outcome(plan, r, "unchanged", skipped(plan, r));
  }
  const changes = releaseChanges(plan, r);
  const assetPlan = planAssets(r, req.assets);
  const what = [
    ...Object.keys(changes).map((k) => k === "draft" ? "publish the draft" : `change ${k}`),
    ...assetPlan.filter((a) => a.action !== "unchanged").map((a) => `${a.action === "replaced" ? "replace" : "upload"} ${a.name}`)
  ];
  plan.notes.push(
    what.length ? `dry-run: would update release ${r.id}: ${what.join(", ")}.` : `dry-run: release ${r.id} is already as wanted.`
  );
  return outcome(
    plan,
    r,
    what.length ? "updated" : "unchanged",
    assetPlan.map((a) => ({ name: a.name, action: a.action, url: a.url }))
  );
}
async function applyRelease(plan) {
  const { req, octokit, owner, repo, notes } = plan;
  const makeLatest = plan.latest ? "true" : "false";
  let existing = plan.existing;
  if (!existing) {
    const draft = req.assets.length > 0;
    let created = null;
    try {
      const { data: data2 } = await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: req.tag,
        target_commitish: req.commit,
        name: req.name,
        body: plan.body,
        draft,
        prerelease: req.prerelease,
        // A draft is never latest; the mark is set when it is published.
        ...draft ? {} : { make_latest: makeLatest }
      });
      created = data2;
    } catch (error) {
      if (!isAlreadyExists(error)) throw apiError(error, `create release ${req.tag}`);
      notes.push(`Another run created the release for ${req.tag} first: using it.`);
      existing = pick(
        (await call("list the releases", () => listReleases(octokit, owner, repo))).filter(
          (r2) => r2.tag_name === req.tag
        )
      );
      if (!existing)
        throw new ActionError(`GitHub said a release for ${req.tag} already exists, but none is listed. Run again.`);
    }
    if (created && !draft) return outcome(plan, created, "created", []);
    if (created) {
      const same = (await call("list the releases", () => listReleases(octokit, owner, repo))).filter(
        (r2) => r2.tag_name === req.tag
      );
      const winner = pick(same) ?? created;
      if (winner.id === created.id) {
        const assets2 = await syncAssets(plan, created, true);
        const { data: data2 } = await call(
          "publish the release",
          () => octokit.rest.repos.updateRelease({
            owner,
            repo,
            release_id: created.id,
            draft: false,
            make_latest: makeLatest
          })
        );
        return outcome(plan, data2, "created", assets2);
      }
      await call(
        "delete a duplicate draft",
        () => octokit.rest.repos.deleteRelease({ owner, repo, release_id: created.id })
      );
      notes.push(
        `Another run made a release for ${req.tag} at the same time: deleted this run's draft, completing release ${winner.id}.`
      );
      existing = winner;
    }
  }
  const r = existing;
  if (req.existing === "keep" && !r.draft) {
    notes.push(`Release ${r.id} for ${req.tag} exists and existing-release is keep: left as it is.`);
    return outcome(plan, r, "unchanged", skipped(plan, r));
  }
  plan.body ??= await wantedBody(plan);
  const changes = releaseChanges(plan, r);
  const assetWork = planAssets(r, req.assets).some((a) => a.action !== "unchanged");
  const assets = await syncAssets(plan, r, r.draft);
  if (Object.keys(changes).length === 0) {
    if (!assetWork) notes.push(`Release ${r.id} for ${req.tag} is already as wanted.`);
    return outcome(plan, r, assetWork ? "updated" : "unchanged", assets);
  }
  const { data } = await call(
    `update release ${r.id}`,
    () => octokit.rest.repos.updateRelease({ owner, repo, release_id: r.id, ...changes, make_latest: makeLatest })
  );
  return outcome(plan, data, "updated", assets);
}
function releaseChanges(plan, r) {
  const changes = {};
  if ((r.name ?? "") !== plan.req.name) changes.name = plan.req.name;
  if (plan.body !== null && (r.body ?? "").trim() !== plan.body.trim()) changes.body = plan.body;
  if (r.prerelease !== plan.req.prerelease) changes.prerelease = plan.req.prerelease;
  if (r.draft) changes.draft = false;
  return changes;
}
function skipped(plan, r) {
  return plan.req.assets.map((a) => ({
    name: a.name,
    action: "skipped",
    url: r.assets.find((x) => x.name === a.name)?.browser_download_url ?? ""
  }));
}
async function syncAssets(plan, release, isDraft) {
  const { octokit, owner, repo, notes } = plan;
  const out = [];
  for (const item of planAssets(release, plan.req.assets)) {
    if (item.action === "unchanged") {
      out.push({ name: item.name, action: "unchanged", url: item.url });
      continue;
    }
    if (item.replaceId) {
      if (!isDraft) notes.push(`Asset ${item.name} on the published release differs from the file: replacing it.`);
      await call(
        `delete asset ${item.name}`,
        () => octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: item.replaceId })
      );
    }
    const uploaded = await upload(
      plan,
      release,
      plan.req.assets.find((a) => a.name === item.name)
    );
    out.push({ name: item.name, action: item.action, url: uploaded.browser_download_url });
  }
  return out;
}
async function upload(plan, release, file) {
  const { octokit, owner, repo } = plan;
  try {
    const response = await octokit.request({
      method: "POST",
      url: release.upload_url,
      name: file.name,
      data: fs.readFileSync(file.path),
      headers: { "content-type": "application/octet-stream", "content-length": file.size }
    });
    return response.data;
  } catch (error) {
    if (!isAlreadyExists(error)) throw apiError(error, `upload ${file.name}`);
    const { data } = await call(
      "list the assets",
      () => octokit.rest.repos.listReleaseAssets({ owner, repo, release_id: release.id, per_page: PAGE })
    );
    const theirs = data.find((a) => a.name === file.name);
    if (theirs && sameContent(theirs, file)) return theirs;
    throw new ActionError(
      `Asset ${file.name} was uploaded by another run with different content. Run again to replace it.`
    );
  }
}
async function call(operation, fn) {
  try {
    return await fn();
  } catch (error) {
    throw apiError(error, operation);
  }
}
async function listReleases(octokit, owner, repo) {
  const all = [];
  for (let page = 1; ; page++) {
    const { data } = await octokit.rest.repos.listReleases({ owner, repo, per_page: PAGE, page });
    all.push(...data);
    if (data.length < PAGE) return all;
  }
}
function pick(candidates) {
  return candidates.find((r) => !r.draft) ?? [...candidates].sort((a, b) => a.id - b.id)[0] ?? null;
}
function latestStable(releases, req) {
  const published = releases.filter((r) => !r.draft && !r.prerelease).map((r) => r.tag_name);
  return highestVersionTag({ anyTag: published }, { prefix: req.tagPrefix, stableOnly: true, except: [req.tag] });
}
function planAssets(release, files) {
  return files.map((file) => {
    const there = release.assets.find((a) => a.name === file.name);
    if (!there) return { name: file.name, action: "uploaded", url: "" };
    if (there.state === "uploaded" && sameContent(there, file))
      return { name: file.name, action: "unchanged", url: there.browser_download_url };
    return { name: file.name, action: "replaced", url: there.browser_download_url, replaceId: there.id };
  });
}
function sameContent(asset, file) {
  if (asset.digest) return asset.digest === `sha256:${file.sha256}`;
  return asset.size === file.size;
}
function apiError(error, operation) {
  return new ActionError(describeGitHubError(error, { operation, needs: { contents: "write" } }), { cause: error });
}
function isAlreadyExists(error) {
  const e = error;
  return e.status === 422 && (e.response?.data?.errors ?? []).some((x) => x.code === "already_exists");
}

// packages/core/src/create-release/tag.ts
async function planTag(git, req, signer) {
  const remote = req.remote ?? "origin";
  const onRemote = await git.remoteTag(req.name, remote);
  if (onRemote) {
    if (onRemote.commit !== req.commit) {
      throw new ActionError(
        `Tag ${req.name} already exists on ${remote} at commit ${shortSha(onRemote.commit)}, not at ${shortSha(req.commit)}. Nothing was changed. Release from commit ${shortSha(onRemote.commit)}, or delete the tag if it is wrong (git push --delete ${remote} ${req.name}) and run again.`
      );
    }
    await git.fetchTag(req.name, remote);
    return {
      action: "reuse",
      info: await git.tagInfo(req.name),
      verification: req.requireSigned ? await requireSignature(git, req) : null
    };
  }
  const local = await git.tagInfo(req.name);
  if (local && local.commit !== req.commit) {
    throw new ActionError(
      `A local tag ${req.name} points at ${shortSha(local.commit)}, not at ${shortSha(req.commit)}, and ${remote} has no such tag. Nothing was pushed. Delete the local tag (git tag -d ${req.name}) in an earlier step, or release from ${shortSha(local.commit)}.`
    );
  }
  if (local)
    return { action: "push", info: local, verification: req.requireSigned ? await requireSignature(git, req) : null };
  if (req.requireSigned && !signer) {
    throw new InputError(
      "require-signed-tag",
      `is true, but tag ${req.name} does not exist and no signing key was given to make it`,
      "Push the signed tag first (git tag -s), or give signing-key so the action signs it."
    );
  }
  return { action: "create", info: null, verification: null };
}
function describeTagPlan(req, plan, signer) {
  const base = {
    name: req.name,
    commit: req.commit,
    signature: plan.info?.signature ?? signer?.kind ?? null,
    verification: plan.verification,
    pushed: false
  };
  if (plan.action === "reuse") return { ...base, created: false, note: reuseNote(req, plan.info) };
  if (plan.action === "push")
    return {
      ...base,
      created: false,
      note: `Would push the existing local tag ${req.name} (${describe(plan.info)}).`
    };
  return {
    ...base,
    created: true,
    note: `Would create the ${kindOf(signer)} tag ${req.name} on ${shortSha(req.commit)} and push it.`
  };
}
async function applyTag(git, req, plan, signer) {
  const remote = req.remote ?? "origin";
  if (plan.action === "reuse") {
    return {
      name: req.name,
      commit: req.commit,
      created: false,
      pushed: false,
      signature: plan.info.signature,
      verification: plan.verification,
      note: reuseNote(req, plan.info)
    };
  }
  if (plan.action === "push") {
    const race2 = await push(git, req, remote, false);
    if (race2) return race2;
    return {
      name: req.name,
      commit: req.commit,
      created: false,
      pushed: true,
      signature: plan.info.signature,
      verification: plan.verification,
      note: `Pushed the existing local tag ${req.name} (${describe(plan.info)}).`
    };
  }
  const made = await (signer ? git.with(signer.gitOptions) : git).createTag(req.name, {
    rev: req.commit,
    message: req.message,
    tagger: req.tagger,
    sign: Boolean(signer)
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
    note: `Created the ${kindOf(signer)} tag ${req.name} on ${shortSha(req.commit)}${signer ? ` (key ${signer.fingerprint})` : ""}.`
  };
}
async function ensureTag(git, req, signer) {
  const plan = await planTag(git, req, signer);
  return req.dryRun ? describeTagPlan(req, plan, signer) : applyTag(git, req, plan, signer);
}
async function push(git, req, remote, madeHere) {
  const res = await git.pushTag(req.name, remote);
  if (res.pushed) return null;
  if (res.reason === "exists") {
    const theirs = await git.remoteTag(req.name, remote);
    if (theirs?.commit === req.commit) {
      await git.fetchTag(req.name, remote);
      const info2 = await git.tagInfo(req.name);
      const verification = req.requireSigned ? await requireSignature(git, req) : null;
      return {
        name: req.name,
        commit: req.commit,
        created: false,
        pushed: false,
        signature: info2.signature,
        verification,
        note: `Another run pushed tag ${req.name} on the same commit first: reused it.`
      };
    }
    if (madeHere) await git.deleteTag(req.name);
    throw new ActionError(
      `Tag ${req.name} appeared on ${remote} at ${theirs ? shortSha(theirs.commit) : "another commit"} while this run was making it. Nothing was pushed. Check which commit should be released.`
    );
  }
  if (madeHere) await git.deleteTag(req.name);
  if (res.reason === "unauthorized") {
    throw new ActionError(
      `Could not push tag ${req.name} to ${remote}: ${reasonLine(res.message)}. Nothing was pushed. ${unauthorizedPushFix("github-token")}`,
      { input: "github-token" }
    );
  }
  throw new ActionError(
    `Could not push tag ${req.name} to ${remote}: ${reasonLine(res.message)}. Check that the token may push tags (contents: write) and that no tag protection rule forbids it.`
  );
}
async function requireSignature(git, req) {
  const v = await git.verifyTag(req.name, req.trust);
  const haveTrust = Boolean((v.signature === "ssh" ? req.trust.allowedSigners : req.trust.gpgPublicKeys)?.trim());
  if (!v.signature || haveTrust && !v.verified) {
    throw new ActionError(
      `Tag ${req.name} must be signed (require-signed-tag), but ${v.signature ? `its ${v.signature.toUpperCase()} signature does not verify: ${v.detail}` : `${v.detail}`}. Nothing was changed. Push a signed tag (git tag -s ${req.name} -m ${req.name}), or add the signer's key to ${v.signature === "gpg" ? "gpg-public-keys" : "allowed-signers"}.`
    );
  }
  return v;
}
function reuseNote(req, info2) {
  return `Tag ${req.name} already exists on ${req.remote ?? "origin"} on this commit (${shortSha(req.commit)}, ${describe(info2)}): reused.`;
}
function kindOf(signer) {
  return signer ? `${signer.kind.toUpperCase()}-signed` : "annotated";
}
function describe(info2) {
  if (!info2.annotated) return "lightweight";
  return info2.signature ? `${info2.signature.toUpperCase()}-signed` : "annotated, unsigned";
}

// packages/core/src/create-release/index.ts
async function createRelease(opts) {
  const tagName = `${opts.tagPrefix}${opts.version.raw}`;
  const notes = [];
  const assets = resolveAssets(opts.workspace, opts.assetGlobs, opts.assetsRequired);
  const signer = opts.signingKey ? await startSigning(opts) : null;
  try {
    if (typeof opts.notesSince === "object") {
      const wanted = opts.notesSince.tag;
      if (!await opts.git.tagInfo(wanted) && !await opts.git.remoteTag(wanted, opts.remote)) {
        throw new InputError(
          "notes-since",
          `tag "${wanted}" does not exist`,
          "Give an existing tag, or stable, any or auto."
        );
      }
    }
    const tagRequest = {
      name: tagName,
      commit: opts.commit,
      message: opts.tagMessage,
      tagger: opts.tagger,
      requireSigned: opts.requireSigned,
      trust: opts.trust,
      remote: opts.remote
    };
    const tagPlan = await planTag(opts.git, tagRequest, signer);
    const previousTag = await group("Reading tags", async () => {
      info(`history: ${await opts.git.ensureHistory(opts.remote)}`);
      return findPreviousTag(opts, tagName);
    });
    const releasePlan = opts.github ? await group(
      `Looking up the release for ${tagName}`,
      () => planRelease(opts.github, {
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
        assets
      })
    ) : null;
    if (!releasePlan) notes.push("dry-run without a token: the release was not looked up.");
    const tag = opts.dryRun ? describeTagPlan(tagRequest, tagPlan, signer) : await group(`Tag ${tagName}`, () => applyTag(opts.git, tagRequest, tagPlan, signer));
    info(tag.note);
    if (tag.verification) info(`signature: ${tag.verification.detail}`);
    let release = null;
    if (releasePlan) {
      release = opts.dryRun ? describeReleasePlan(releasePlan) : await group(`Release ${tagName}`, () => applyRelease(releasePlan));
      for (const n of release.notes) info(n);
    }
    if (opts.dryRun) {
      startGroup("dry-run: what would be made");
      try {
        info(`tag:        ${oneLine(tagName)} on ${opts.commit} (${tag.note})`);
        info(`message:    ${oneLine(opts.tagMessage)}`);
        if (release) {
          info(
            `release:    "${oneLine(release.name)}" (${release.operation}), prerelease ${release.prerelease}, latest ${release.latest}`
          );
          for (const a of release.assets) info(`asset:      ${oneLine(a.name)} (${a.action})`);
          info(`body:
${release.body}`);
        }
      } finally {
        endGroup();
      }
    }
    return { tagName, tag, previousTag, release, assets, notes };
  } finally {
    await signer?.close();
  }
}
async function startSigning(opts) {
  try {
    return await SigningSession.start(opts.signingKey, { passphrase: opts.signingKeyPassphrase || void 0 });
  } catch (e) {
    if (!(e instanceof SigningKeyError)) throw e;
    throw new InputError(e.field === "key" ? "signing-key" : "signing-key-passphrase", e.problem, e.fix);
  }
}
async function findPreviousTag(opts, tagName) {
  const tags = await opts.git.lines(["tag", "--list"]);
  if (typeof opts.notesSince === "object") {
    const wanted = opts.notesSince.tag;
    if (!tags.includes(wanted))
      throw new InputError(
        "notes-since",
        `tag "${wanted}" does not exist`,
        "Give an existing tag, or stable, any or auto."
      );
    return wanted;
  }
  const stableOnly = opts.notesSince === "stable" || opts.notesSince === "auto" && !opts.version.isPrerelease;
  const previous = highestVersionTag(
    { anyTag: tags },
    { prefix: opts.tagPrefix, below: opts.version, stableOnly, except: [tagName] }
  );
  return previous?.tag ?? null;
}
function resolveAssets(workspace, globs, required) {
  const found = /* @__PURE__ */ new Map();
  for (const pattern of globs) {
    const matches = globInside("assets", pattern, { base: workspace, workspace, allowRunnerTemp: true });
    if (matches.length === 0 && required) {
      throw new InputError(
        "assets",
        `${JSON.stringify(pattern)} matches no file in ${workspace}`,
        "Build the files first (e.g. pdm build), fix the glob, or set assets-required: false."
      );
    }
    for (const abs of matches.sort()) {
      const name = path.basename(abs);
      const clash = [...found.values()].find((a) => a.name === name && a.path !== abs);
      if (clash)
        throw new InputError(
          "assets",
          `two files would be uploaded as ${JSON.stringify(name)} (${path.relative(workspace, clash.path)} and ${path.relative(workspace, abs)})`,
          "Make the globs match one file per name."
        );
      const data = fs2.readFileSync(abs);
      found.set(abs, { path: abs, name, size: data.length, sha256: createHash("sha256").update(data).digest("hex") });
    }
  }
  return [...found.values()];
}
export {
  applyRelease,
  applyTag,
  createRelease,
  describeReleasePlan,
  describeTagPlan,
  ensureTag,
  findPreviousTag,
  planRelease,
  planTag,
  resolveAssets
};
