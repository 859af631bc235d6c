import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  completedNote,
  completingPullRequest,
  describeGitHubError,
  getGitHubClient,
  openOrUpdatePullRequest
} from "./chunk-SLGY6V2T.js";
import {
  shortSha
} from "./chunk-GHLILGNZ.js";
import {
  VersionError,
  compareVersions,
  highestVersionTag,
  nextPrerelease,
  parseVersion,
  sameVersion
} from "./chunk-KOIZJGE4.js";
import {
  unauthorizedPushFix
} from "./chunk-WASA436V.js";
import {
  reasonLine
} from "./chunk-2VELUGMP.js";
import {
  findRuleValue,
  location,
  replaceRuleValue
} from "./chunk-VC36UC5U.js";
import {
  endGroup,
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
import "./chunk-G4ULM5DF.js";
import "./chunk-SSVNKAZ6.js";

// packages/core/src/bump-next-beta/files.ts
import * as path from "node:path";
function readVersionFiles(root, rules, rulesInput) {
  const matches = [];
  for (const rule of rules) {
    const match = find(root, rule, rulesInput);
    if (match) matches.push(match);
  }
  let current = null;
  let first = null;
  for (const m of matches.filter((x) => x.rule.role === "version")) {
    let v;
    try {
      v = parseVersion(m.value);
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      throw new ActionError(`${rel(root, m)}:${m.line}: ${e.message}. Fix the version in the file before bumping it.`, {
        location: location(m)
      });
    }
    if (!current || !first) {
      current = v;
      first = m;
    } else if (!sameVersion(v, current)) {
      throw new ActionError(
        `The version files disagree: ${rel(root, first)} says ${first.value} but ${rel(root, m)} says ${m.value}. Make them the same (verify-version shows every disagreement) before bumping.`,
        { location: location(m) }
      );
    }
  }
  return { current, matches };
}
function writeNextVersion(root, rules, rulesInput, next, marker) {
  const changes = [];
  for (const rule of rules) {
    const match = find(root, rule, rulesInput);
    if (!match) continue;
    const target = targetValue(match, next, marker);
    if (target === match.value) continue;
    replaceRuleValue(match, target);
    changes.push({ rule: rule.name, file: rel(root, match), line: match.line, from: match.value, to: target });
  }
  return changes;
}
function targetValue(match, next, marker) {
  switch (match.rule.role) {
    case "version":
      return next.normalized;
    case "final":
      return next.final;
    case "stable-marker": {
      if (marker === "keep" || !next.pre || !/^[0-9]+$/.test(match.value)) return match.value;
      return `${match.value}${next.pre.kind}`;
    }
  }
}
function find(root, rule, rulesInput) {
  try {
    return findRuleValue(root, rule, rulesInput);
  } catch (e) {
    if (!(e instanceof ActionError) || e instanceof InputError) throw e;
    throw new InputError(
      rulesInput,
      e.message.replace(/\.$/, ""),
      "See the rule format in the action README.",
      e.location
    );
  }
}
function rel(root, m) {
  return path.relative(root, m.file);
}

// packages/core/src/bump-next-beta/pull-request.ts
function pullRequestOpener(access) {
  return async (target) => {
    try {
      const client = await getGitHubClient({ token: access.token, baseUrl: access.apiUrl });
      const pr = await openOrUpdatePullRequest(client, { repository: access.repository, ...target });
      return {
        number: pr.number,
        url: pr.url,
        operation: pr.operation,
        author: pr.author,
        triggersWorkflows: pr.triggersWorkflows
      };
    } catch (error) {
      throw new ActionError(
        describeGitHubError(error, {
          operation: `open the pull request ${target.head} \u2192 ${target.base}`,
          needs: { pull_requests: "write" }
        }),
        { cause: error }
      );
    }
  };
}

// packages/core/src/bump-next-beta/index.ts
var fill = (template, version) => template.replaceAll("{version}", version);
async function bumpNextBeta(opts) {
  const git = opts.git;
  const remote = opts.remote ?? "origin";
  const notes = [];
  if (!await git.isClean()) {
    throw new ActionError(
      `The work tree at ${git.dir} has uncommitted changes (${(await git.lines(["status", "--porcelain", "--untracked-files=no"])).slice(0, 5).join("; ")}). Run bump-next-beta on a clean checkout, before steps that modify files.`
    );
  }
  for (const [input, branch] of [
    ["dev-branch", opts.devBranch],
    ["fast-forward-from", opts.fastForwardFrom]
  ]) {
    if (branch && !await git.remoteBranch(branch, remote)) {
      throw new InputError(
        input,
        `branch "${branch}" does not exist on ${remote}`,
        input === "dev-branch" ? "Check the branch name, or create the branch first." : "Check the branch name (Exegol releases to master in the wrapper, main in the images)."
      );
    }
  }
  const branches = await group("Fetching branches and tags", async () => {
    info(`history: ${await git.ensureHistory(remote)}`);
    return git.fetchBranches([opts.devBranch, ...opts.fastForwardFrom ? [opts.fastForwardFrom] : []], remote);
  });
  const devSha = branches[opts.devBranch];
  if (!devSha)
    throw new ActionError(`${opts.devBranch} disappeared from ${remote} while it was being fetched. Run again.`);
  let base = devSha;
  let fastForward2 = null;
  if (opts.fastForwardFrom) {
    const releaseSha = branches[opts.fastForwardFrom];
    if (!releaseSha)
      throw new ActionError(
        `${opts.fastForwardFrom} disappeared from ${remote} while it was being fetched. Run again.`
      );
    if (await git.isAncestor(devSha, releaseSha)) {
      base = releaseSha;
      fastForward2 = { from: devSha, to: releaseSha, needed: devSha !== releaseSha, pushed: false };
      if (devSha === releaseSha)
        notes.push(`${opts.devBranch} is already at ${opts.fastForwardFrom} (${shortSha(releaseSha)}).`);
    } else if (await git.isAncestor(releaseSha, devSha)) {
      fastForward2 = { from: devSha, to: devSha, needed: false, pushed: false };
      notes.push(`${opts.devBranch} already contains ${opts.fastForwardFrom}: nothing to fast-forward.`);
    } else {
      const only = await git.lines(["log", "--format=%h %s", "-5", `${releaseSha}..${devSha}`]);
      const uncopied = (await git.lines(["cherry", releaseSha, devSha])).filter((l) => l.startsWith("+"));
      const sameFiles = (await git.raw(["diff", "--quiet", devSha, releaseSha, "--"], { allowFailure: true })).code === 0;
      if (!uncopied.length || sameFiles) {
        throw new ActionError(
          `Cannot fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}: ${opts.fastForwardFrom} has ${opts.devBranch}'s changes as copies of its commits (${only.join("; ")}), the way a pull request merged by rebase or squash lands, so ${opts.devBranch} is not behind it and cannot fast-forward. Nothing was pushed. Move ${opts.devBranch} to ${opts.fastForwardFrom} by hand (git push --force-with-lease=${opts.devBranch}:${devSha} origin ${releaseSha}:refs/heads/${opts.devBranch}), then run again; merge the release pull request with a merge commit next time.`
        );
      }
      throw new ActionError(
        `Cannot fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}: ${opts.devBranch} has commits that ${opts.fastForwardFrom} lacks (${only.join("; ")}). Nothing was pushed. Merge ${opts.fastForwardFrom} into ${opts.devBranch} by hand (or drop fast-forward-from), then run again.`
      );
    }
  }
  const originalHead = await git.currentBranch() ?? await git.head();
  await git.raw(["checkout", "--quiet", "-B", opts.devBranch, base]);
  let done = false;
  try {
    const result = await bumpOnBase();
    done = true;
    return result;
  } finally {
    if (opts.dryRun || !done) {
      await git.raw(["reset", "--quiet", "--hard", base]);
      await git.raw(["checkout", "--quiet", originalHead]);
    }
  }
  async function bumpOnBase() {
    const files = readVersionFiles(opts.root, opts.rules, opts.rulesInput);
    const result = {
      operation: "unchanged",
      previousVersion: files.current?.raw ?? "",
      nextVersion: "",
      released: null,
      fastForward: fastForward2,
      changes: [],
      commitSha: base,
      pushed: false,
      pullRequest: null,
      dryRun: opts.dryRun,
      notes
    };
    startGroup("Writing the next version");
    try {
      await writeNext(files, result);
    } finally {
      endGroup();
    }
    startGroup(`Pushing to ${opts.devBranch}`);
    try {
      return await pushOrPropose(result);
    } finally {
      endGroup();
    }
  }
  async function writeNext(files, result) {
    if (files.current) {
      const scheme = opts.scheme === "auto" ? files.current.scheme : opts.scheme;
      const released = await releasedVersion(files.current, scheme);
      result.released = { version: released.version.raw, source: released.source };
      let next;
      try {
        next = parseVersion(nextPrerelease(released.version, { part: opts.part, pre: opts.pre }), scheme);
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(
          "pre",
          e.message,
          "Choose the pre-release kind (or the version it follows) so that the next version is higher."
        );
      }
      result.nextVersion = next.normalized;
      const order = compareVersions(files.current, next);
      if (order > 0 && !opts.force) {
        throw new ActionError(
          `The version files already hold ${files.current.raw}, ahead of ${next.normalized} (the next ${opts.pre} after ${released.version.raw}, ${released.source}). Nothing was changed. If ${next.normalized} is really wanted, set force: true; otherwise give the release it follows in "version".`
        );
      }
      if (order > 0) notes.push(`force: writing ${next.normalized} over ${files.current.raw}, which was ahead of it.`);
      result.changes = writeNextVersion(opts.root, opts.rules, opts.rulesInput, next, opts.stableMarker);
      for (const c of result.changes)
        info(`${oneLine(c.file)}:${c.line} ${oneLine(c.from)} \u2192 ${oneLine(c.to)}`);
      if (result.changes.length === 0) notes.push(`The files already hold ${next.normalized}: nothing to commit.`);
    } else {
      notes.push("The rules declare no version file (images): there is no version to bump.");
    }
  }
  async function pushOrPropose(result) {
    const message = fill(opts.commitMessage, result.nextVersion);
    const needsFastForward = fastForward2?.needed === true;
    let sha = null;
    if (result.changes.length) {
      sha = await git.commit(
        message,
        opts.identity,
        result.changes.map((c) => c.file)
      );
      result.commitSha = sha ?? base;
    }
    if (opts.dryRun) {
      result.operation = sha ? opts.mode === "pull-request" ? "pull-request" : "bumped" : needsFastForward ? "fast-forwarded" : "unchanged";
      notes.push("dry-run: nothing was pushed and no pull request was opened.");
      return result;
    }
    if (!sha && !needsFastForward) return result;
    let protectedReason = "";
    if (opts.mode === "push") {
      if (needsFastForward) {
        const ff = await git.pushBranch(fastForward2.to, opts.devBranch, { remote });
        if (ff.pushed) {
          fastForward2.pushed = true;
          result.pushed = true;
        } else if (ff.reason === "protected") {
          protectedReason = ff.message;
        } else if (ff.reason === "unauthorized") {
          throw new ActionError(
            `Fast-forwarding ${opts.devBranch} was refused: ${reasonLine(ff.message)}. Nothing was pushed. ${unauthorizedPushFix("github-token")}`,
            { input: "github-token" }
          );
        } else {
          throw new ActionError(
            `Could not fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}: ${ff.message}. Nothing else was pushed; run again.`
          );
        }
      }
      if (sha && !protectedReason) {
        const pushed = await git.pushWithRetry(opts.devBranch, {
          remote,
          attempts: opts.attempts,
          identity: opts.identity
        });
        if (pushed.pushed) {
          result.pushed = true;
          result.commitSha = pushed.sha;
          if (pushed.attempts > 1)
            notes.push(`${opts.devBranch} moved meanwhile: rebased and pushed on attempt ${pushed.attempts}.`);
          result.operation = "bumped";
          return result;
        }
        if (pushed.reason === "unauthorized") {
          throw new ActionError(
            `Pushing to ${opts.devBranch} was refused: ${reasonLine(pushed.message)}. ${unauthorizedPushFix("github-token")}`,
            { input: "github-token" }
          );
        }
        if (pushed.reason !== "protected") {
          throw new ActionError(
            `Could not push to ${opts.devBranch} after ${pushed.attempts} attempt(s): ${pushed.message}. Run again, or set mode: pull-request.`
          );
        }
        protectedReason = pushed.message;
      }
      if (!protectedReason) {
        result.operation = "fast-forwarded";
        return result;
      }
      notes.push(
        `${opts.devBranch} is protected (${firstLine(protectedReason)}): proposing the change in a pull request instead.`
      );
    }
    if (!opts.openPullRequest) {
      throw new InputError(
        "github-token",
        `is empty, but ${opts.mode === "pull-request" ? "mode is pull-request" : `${opts.devBranch} is protected`} and a pull request must be opened`,
        "Pass a token with contents: write and pull-requests: write."
      );
    }
    const head = fill(opts.pullRequest.branch, result.nextVersion || shortSha(base));
    const existing = (await git.fetchBranches([head], remote))[head];
    let headSha = await git.head();
    if (existing && await sameChange(existing, headSha)) {
      headSha = existing;
      notes.push(`Branch ${head} already holds this change.`);
    } else {
      const pushed = await git.pushBranch("HEAD", head, { remote, force: true });
      if (!pushed.pushed) throw new ActionError(`Could not push the pull request branch ${head}: ${pushed.message}.`);
      result.pushed = true;
    }
    result.commitSha = headSha;
    const title = result.nextVersion ? fill(opts.pullRequest.title, result.nextVersion) : `Fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}`;
    const body = pullRequestBody(result, opts, head);
    result.pullRequest = await completingPullRequest(
      head,
      () => opts.openPullRequest({ base: opts.devBranch, head, title, body })
    );
    if (!result.pushed && result.pullRequest.operation === "created")
      notes.push(completedNote(head, result.pullRequest.number));
    result.operation = result.pullRequest.operation === "unchanged" && !result.pushed ? "unchanged" : "pull-request";
    if (!result.pullRequest.triggersWorkflows) {
      notes.push(
        `Pull request #${result.pullRequest.number} was opened with the workflow's GITHUB_TOKEN: GitHub does not run workflows on it. Pass a personal or GitHub App token as github-token for checks to run.`
      );
    }
    return result;
  }
  async function releasedVersion(current, scheme) {
    if (opts.released) {
      const raw = opts.released.value.startsWith(opts.tagPrefix) ? opts.released.value.slice(opts.tagPrefix.length) : opts.released.value;
      try {
        return { version: parseVersion(raw, scheme), source: opts.released.source };
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(opts.released.input ?? "version", e.message, "Give the released version, like 4.3.5.");
      }
    }
    let inScheme;
    try {
      inScheme = parseVersion(current.raw, scheme);
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      throw new InputError(
        "version-format",
        `is ${scheme}, but the files hold ${current.raw}`,
        "Set version-format to the form the files use, or auto."
      );
    }
    const tag = highestVersionTag(
      { mergedIntoHead: await git.tagsMergedInto(base) },
      { prefix: opts.tagPrefix, scheme, stableOnly: true }
    );
    const fromFiles = current.isPrerelease ? null : inScheme;
    if (tag && (!fromFiles || compareVersions(tag.version, fromFiles) > 0))
      return { version: tag.version, source: `release tag ${tag.tag}` };
    if (fromFiles) return { version: fromFiles, source: "the version files" };
    throw new InputError(
      "version",
      `is empty and no release tag is reachable from ${opts.devBranch}, while the files hold the pre-release ${current.raw}`,
      "Give the released version the next beta follows, like 4.3.5."
    );
  }
  async function sameChange(existing, local) {
    const [a, b] = await Promise.all([
      git.out(["rev-parse", `${existing}^{tree}`, `${existing}^`]),
      git.out(["rev-parse", `${local}^{tree}`, `${local}^`])
    ]);
    return a === b;
  }
}
function pullRequestBody(result, opts, head) {
  const lines = [
    result.nextVersion ? `Sets the next version, **${result.nextVersion}**, after ${result.released?.version ?? "the release"}.` : "",
    fastForward(result, opts),
    "",
    ...result.changes.map((c) => `- \`${c.file}\` line ${c.line}: \`${c.from}\` \u2192 \`${c.to}\``),
    "",
    `Opened by bump-next-beta from branch \`${head}\`; running it again updates this pull request.`
  ];
  return lines.filter((l, i, all) => l !== "" || i > 0 && all[i - 1] !== "").join("\n").trim() + "\n";
}
function fastForward(result, opts) {
  const ff = result.fastForward;
  if (!ff?.needed || ff.pushed) return "";
  return `Includes the fast-forward of \`${opts.devBranch}\` to \`${opts.fastForwardFrom}\` (${shortSha(ff.from)} \u2192 ${shortSha(ff.to)}), which could not be pushed directly.`;
}
function firstLine(text) {
  return text.split("\n").find((l) => /protected|GH0|declined|rule/i.test(l))?.replace(/^remote:\s*/, "").trim() ?? text.split("\n")[0];
}
export {
  bumpNextBeta,
  pullRequestOpener,
  readVersionFiles,
  targetValue,
  writeNextVersion
};
