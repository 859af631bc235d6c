import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  completedNote
} from "./chunk-SLGY6V2T.js";
import {
  lastLine,
  shortSha
} from "./chunk-GHLILGNZ.js";
import {
  Git,
  unauthorizedPushFix
} from "./chunk-WASA436V.js";
import {
  CommandError,
  reasonLine
} from "./chunk-2VELUGMP.js";
import {
  mdCell,
  mdCode
} from "./chunk-44VCN7XQ.js";
import "./chunk-EF3Y6A4G.js";
import {
  ActionError,
  InputError,
  NetworkError
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/sync-submodules/index.ts
var fs2 = __toESM(require_fs(), 1);
import * as path2 from "node:path";

// packages/core/src/sync-submodules/gitmodules.ts
var fs = __toESM(require_fs(), 1);
import * as path from "node:path";
function gitmodulesLocations(file, prefix) {
  const out = /* @__PURE__ */ new Map();
  if (!fs.existsSync(file)) return out;
  const shown = prefix ? path.join(prefix, ".gitmodules") : file;
  let current = null;
  fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    const header = /^\s*\[\s*submodule\s+"((?:[^"\\]|\\.)*)"\s*\]/.exec(line);
    if (header) {
      current = { file: shown, header: i + 1 };
      out.set(header[1].replace(/\\(.)/g, "$1"), current);
    } else if (/^\s*\[/.test(line)) current = null;
    else if (current && /^\s*branch\s*=/i.test(line)) current.branch = i + 1;
    else if (current && /^\s*url\s*=/i.test(line)) current.url = i + 1;
  });
  return out;
}

// packages/core/src/sync-submodules/util.ts
function short(sha) {
  return shortSha(sha, 7);
}
function safeUrl(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1***@");
}
function describeGitError(error) {
  const text = error instanceof CommandError ? error.reason : error instanceof Error ? error.message : String(error);
  return text.replace(/^fatal:\s*/, "");
}
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

// packages/core/src/sync-submodules/report.ts
function submoduleCheck(r, onBehind) {
  const id = r.path;
  const title = `Submodule ${r.path}`;
  const moved = r.from !== r.to ? `${short(r.from)}..${short(r.to)}` : short(r.from);
  if (r.parent) {
    if (r.behindAfter === 0)
      return { id, title, status: "pass", detail: `at the tip of ${r.branch} (${moved}${r.tag ? `, ${r.tag}` : ""})` };
    return {
      id,
      title,
      status: "warn",
      detail: `${r.behindAfter} commit(s) behind ${r.branch} at ${short(r.to)} (tip ${short(r.tip)}): it is recorded in ${r.parent}, whose repository moves it`,
      location: r.location
    };
  }
  if (r.behind === 0) {
    const extra = r.ahead > 0 ? `, and ${r.ahead} commit(s) ahead of it` : "";
    return {
      id,
      title,
      status: "pass",
      detail: `at the tip of ${r.branch} (${moved}${r.tag ? `, ${r.tag}` : ""})${extra}`
    };
  }
  if (onBehind === "moved") {
    return {
      id,
      title,
      status: "pass",
      detail: `${moved}: ${r.behind} commit(s) of ${r.branch}${r.tag ? `, now ${r.tag}` : ""}`
    };
  }
  return {
    id,
    title,
    status: onBehind === "fail" ? "fail" : "warn",
    detail: `${r.behind} commit(s) behind ${r.branch} (${short(r.from)}, tip ${short(r.tip)}${r.ahead ? `; ${r.ahead} recorded commit(s) not on the branch` : ""})`,
    location: r.location
  };
}
function commitMessage(subject, moves, workTree = []) {
  const lines = moves.map(
    (m) => `- ${m.path}: ${short(m.from)}..${short(m.to)} (${m.branch}, ${m.behind} commit${m.behind === 1 ? "" : "s"}${m.tag ? `, ${m.tag}` : ""})`
  );
  if (workTree.length) lines.push(`- ${workTreeCounts(workTree)}`);
  return `${subject}

${lines.join("\n")}
`;
}
function workTreeCounts(workTree) {
  const count = (c) => workTree.filter((w) => w.change === c).length;
  const parts = [`${count("added")} added`, `${count("modified")} changed`, `${count("deleted")} deleted`];
  return `${workTree.length} other path${workTree.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}
var LISTED_PATHS = 200;
function pullRequestBody(moves, workTree = []) {
  const files = workTree.slice(0, LISTED_PATHS).map((w) => `- ${w.change}: ${mdCode(w.path)}`);
  if (workTree.length > LISTED_PATHS) files.push(`- \u2026 and ${workTree.length - LISTED_PATHS} more`);
  return [
    ...moves.length ? ["Submodules moved to the tip of the branch they follow:", "", submodulesTable(moves), ""] : ["No submodule moved.", ""],
    ...workTree.length ? [`Other changes in the work tree (${workTreeCounts(workTree)}):`, "", ...files, ""] : [],
    "<sub>Opened by exegol/actions sync-submodules. A later run on the same day updates this pull request.</sub>",
    ""
  ].join("\n");
}
function submodulesTable(reports) {
  const rows = reports.map((r) => {
    const behind = r.behind === 0 ? "0" : String(r.behind);
    const code = (t) => mdCell(mdCode(t));
    return `| ${code(r.path)} | ${code(r.branch)} | ${code(short(r.from))} | ${code(short(r.to))} | ${behind} | ${r.tag ? code(r.tag) : ""} |`;
  });
  return ["| Submodule | Branch | From | To | Behind | Tag |", "| --- | --- | --- | --- | ---: | --- |", ...rows].join(
    "\n"
  );
}
function submodulesJson(reports) {
  return JSON.stringify(
    reports.map((r) => ({
      path: r.path,
      from: r.from,
      to: r.to,
      branch: r.branch,
      behind: r.behind,
      ahead: r.ahead,
      tip: r.tip,
      tag: r.tag,
      parent: r.parent
    }))
  );
}

// packages/core/src/sync-submodules/fork-api.ts
function repositoryOfUrl(url, serverUrl) {
  const host = new URL(serverUrl).host;
  const base = serverUrl.replace(/\/+$/, "");
  const https = url.startsWith(`${base}/`) ? url.slice(base.length + 1) : null;
  const ssh = new RegExp(`^(?:ssh://)?git@${host.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[:/]`).exec(url);
  const rest = https ?? (ssh ? url.slice(ssh[0].length) : null);
  const m = rest ? /^([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(rest) : null;
  return m ? `${m[1]}/${m[2]}` : null;
}
async function forkApiTarget(settings, facts, log) {
  if (settings.method === "git") return null;
  const refuse = (reason) => {
    if (settings.method === "api")
      throw new InputError("fork-method", `"api" does not apply: ${reason}`, "Use fork-method: git (or auto).");
    log(`Using git, not merge-upstream: ${reason}.`);
    return null;
  };
  if (!settings.token) return refuse("no token");
  if (facts.upstreamBranch !== facts.branch)
    return refuse(
      `merge-upstream merges the upstream branch of the same name, and ${facts.upstreamBranch} is not ${facts.branch}`
    );
  const fork = facts.originUrl ? repositoryOfUrl(facts.originUrl, settings.serverUrl) : null;
  if (!fork) return refuse(`the checkout's origin is not a repository on ${settings.serverUrl}`);
  const upstream = /^[\w.-]+\/[\w.-]+$/.test(settings.upstream) ? settings.upstream.replace(/\.git$/, "") : repositoryOfUrl(settings.upstream, settings.serverUrl);
  if (!upstream) return refuse(`the upstream is not a repository on ${settings.serverUrl}`);
  const github = await import("./github-3AKPDCHU.js");
  const { owner, repo } = github.parseRepository(fork);
  const client = await github.getGitHubClient({ token: settings.token, baseUrl: settings.apiUrl });
  let parent;
  try {
    parent = (await client.rest.repos.get({ owner, repo })).data.parent?.full_name;
  } catch (error) {
    if (settings.method === "api")
      throw new ActionError(github.describeGitHubError(error, { operation: `read ${fork}` }), { cause: error });
    return refuse(github.describeGitHubError(error, { operation: `read ${fork}` }));
  }
  if (!parent) return refuse(`GitHub does not list ${fork} as a fork`);
  if (parent.toLowerCase() !== upstream.toLowerCase())
    return refuse(`${fork} is a fork of ${parent}, not of ${upstream}`);
  return {
    client,
    fork: { owner, repo },
    describe: (error, operation) => github.describeGitHubError(error, { operation })
  };
}
async function mergeUpstream(target, branch) {
  try {
    const { data } = await target.client.rest.repos.mergeUpstream({ ...target.fork, branch });
    return { status: data.merge_type ?? "none" };
  } catch (error) {
    const status = error.status;
    if (status === 409) return { status: "conflict" };
    return {
      status: "refused",
      message: target.describe(error, `sync ${target.fork.owner}/${target.fork.repo}:${branch} with upstream`)
    };
  }
}

// packages/core/src/sync-submodules/fork.ts
async function syncFork(opts) {
  const log = opts.log ?? (() => {
  });
  const checkout = await Git.open(opts.root, { env: opts.env });
  const git = checkout.with(opts.pushAuth ?? {});
  const fetcher = checkout.with(opts.fetchAuth ?? {});
  const dirty = await git.changedFiles();
  if (dirty.length) {
    throw new ActionError(
      `The work tree has uncommitted changes (${dirty.slice(0, 10).join(", ")}): a merge would mix them in. Commit or discard them first.`
    );
  }
  const current = await git.currentBranch();
  const branch = opts.branch ?? current;
  if (!branch) {
    throw new InputError(
      "branch",
      `HEAD is detached at ${short(await git.head())} and no branch is named, so there is no fork branch to update`,
      'Check out the fork branch (actions/checkout with ref: <branch>) or name it in "branch".'
    );
  }
  const upstreamBranch = opts.upstream.branch ?? branch;
  const upstreamRef = `refs/remotes/upstream/${upstreamBranch}`;
  const upstreamName = `upstream/${upstreamBranch}`;
  let upstreamRefs;
  try {
    upstreamRefs = await fetcher.lsRemote(opts.upstream.url, {
      heads: true,
      patterns: [`refs/heads/${upstreamBranch}`]
    });
  } catch (error) {
    throw new InputError(
      "upstream",
      `cannot reach ${safeUrl(opts.upstream.url)}: ${describeGitError(error)}`,
      'Check the repository name; for a private upstream give "fetch-token" or "fetch-ssh-key".'
    );
  }
  if (!upstreamRefs.has(`refs/heads/${upstreamBranch}`)) {
    throw new InputError(
      opts.upstream.branch ? "upstream-branch" : "branch",
      `${safeUrl(opts.upstream.url)} has no branch "${upstreamBranch}"`,
      'Name the upstream branch to merge in "upstream-branch".'
    );
  }
  const forkTip = await git.remoteBranch(branch);
  if (current !== branch) {
    if (!forkTip)
      throw new InputError(
        "branch",
        `the fork (origin) has no branch "${branch}"`,
        "Name a branch that exists in the fork."
      );
    await git.fetch("origin", [`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
    await git.checkout(`refs/remotes/origin/${branch}`, { branch });
  }
  if (await git.isShallow()) await git.fetch("origin", [], { unshallow: true });
  await fetcher.fetch(opts.upstream.url, [`+refs/heads/${upstreamBranch}:${upstreamRef}`]);
  const from = await git.head();
  let api = opts.api ? await forkApiTarget(opts.api, { originUrl: await git.remoteUrl("origin"), branch, upstreamBranch }, log) : null;
  for (let attempt = 1; ; attempt++) {
    const before = await git.head();
    const behind = await git.countCommits(before, upstreamRef);
    const ahead = await git.countCommits(upstreamRef, before);
    const result = { branch, upstreamBranch, from, behind, ahead, method: api ? "api" : "git" };
    if (behind === 0) {
      log(`${branch} already has every commit of upstream/${upstreamBranch}.`);
      return { ...result, to: before, changed: false, operation: "unchanged", commitSha: null };
    }
    if (ahead > 0 && opts.strategy === "ff-only") {
      throw new ActionError(
        `${branch} cannot fast-forward to upstream/${upstreamBranch}: it has ${ahead} commit(s) of its own that upstream/${upstreamBranch} lacks (and lacks ${behind} of upstream's). Nothing was ${opts.dryRun ? "changed (dry run)" : "pushed"}. Merge upstream/${upstreamBranch} into ${branch} by hand, or set fork-strategy: merge to let this action make the merge commit.`
      );
    }
    if (opts.dryRun) {
      const conflicts = await git.mergeConflicts(before, upstreamRef);
      if (conflicts.length) throw conflictError(branch, upstreamBranch, conflicts, true);
      log(
        `Dry run: would merge ${behind} commit(s) of upstream/${upstreamBranch} into ${branch}${ahead ? "" : " (fast-forward)"}${api ? " through merge-upstream" : ""}.`
      );
      return { ...result, to: before, changed: true, operation: "dry-run", commitSha: null };
    }
    if (api) {
      const outcome = await mergeUpstream(api, branch);
      if (outcome.status === "conflict") {
        throw conflictError(branch, upstreamBranch, await git.mergeConflicts(before, upstreamRef), false);
      }
      if (outcome.status === "refused") {
        if (opts.api?.method === "api") throw new ActionError(`${outcome.message} Nothing was merged.`);
        log(`merge-upstream did not do it (${outcome.message}); merging with git instead.`);
        api = null;
        continue;
      }
      await git.fetch("origin", [`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
      const merged2 = await git.merge(`origin/${branch}`, opts.identity, { ff: "only" });
      if (merged2.status === "conflict") throw new Error("a fast-forward cannot conflict");
      const operation = outcome.status === "merge" ? "merged" : outcome.status === "fast-forward" ? "fast-forward" : "unchanged";
      log(`merge-upstream: ${operation} ${branch} from ${opts.api?.upstream}:${branch}, now ${short(merged2.sha)}.`);
      return {
        ...result,
        to: merged2.sha,
        changed: operation !== "unchanged",
        operation,
        commitSha: operation === "unchanged" ? null : merged2.sha
      };
    }
    const merged = await git.merge(upstreamName, opts.identity, { ff: opts.strategy === "ff-only" ? "only" : "allow" });
    if (merged.status === "conflict") throw conflictError(branch, upstreamBranch, merged.files, false);
    const pushed = await git.pushBranch("HEAD", branch);
    if (pushed.pushed) {
      const sha = await git.head();
      log(
        `${merged.status === "fast-forward" ? "Fast-forwarded" : "Merged"} ${behind} commit(s) of upstream/${upstreamBranch} into ${branch} and pushed ${short(sha)}.`
      );
      return {
        ...result,
        to: sha,
        changed: true,
        operation: merged.status === "fast-forward" ? "fast-forward" : "merged",
        commitSha: sha
      };
    }
    if (pushed.reason === "protected") {
      throw new ActionError(
        `Pushing the merge to ${branch} was refused by branch protection: ${pushed.message.split("\n").pop()}. Nothing was pushed.`
      );
    }
    if (pushed.reason === "unauthorized") {
      throw new ActionError(
        `Pushing the merge to ${branch} was refused: ${reasonLine(pushed.message)}. Nothing was pushed. ${unauthorizedPushFix("github-token")}`,
        { input: "github-token" }
      );
    }
    if (attempt >= opts.pushAttempts) {
      throw new ActionError(
        `${branch} kept moving: the merge was refused ${attempt} time(s) (${pushed.message.split("\n").pop()}). Nothing was pushed; re-run later.`
      );
    }
    log(`${branch} moved while pushing; merging again onto the new tip.`);
    await git.fetch("origin", [`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
    await git.resetHard(`refs/remotes/origin/${branch}`);
  }
}
function conflictError(branch, upstreamBranch, files, dryRun) {
  return new ActionError(
    `${dryRun ? "Dry run: merging" : "Merging"} upstream/${upstreamBranch} into ${branch} conflicts in ${files.length} file(s):
${files.map((f) => `- ${f}`).join("\n")}
Nothing was pushed. Resolve by hand: git fetch upstream; git checkout ${branch}; git merge upstream/${upstreamBranch}; fix the files; git commit; git push.`
  );
}

// packages/core/src/sync-submodules/pull-request.ts
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
var STAMP_PLACEHOLDERS = ["date", "YYYY", "YY", "MM", "Mon", "DD", "epoch"];
function expandStamp(template, now) {
  const pad = (n) => String(n).padStart(2, "0");
  const values = {
    date: `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`,
    YYYY: String(now.getUTCFullYear()),
    YY: String(now.getUTCFullYear()).slice(-2),
    MM: pad(now.getUTCMonth() + 1),
    Mon: MONTHS[now.getUTCMonth()],
    DD: pad(now.getUTCDate()),
    epoch: String(Math.floor(now.getTime() / 1e3))
  };
  return template.replace(
    /\{(\w+)\}/g,
    (all, name) => name in values ? values[name] : all
  );
}
function unknownPlaceholders(template) {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => !STAMP_PLACEHOLDERS.includes(n));
}
function pullRequestOpener(settings) {
  return async (request) => {
    const github = await import("./github-3AKPDCHU.js");
    try {
      const client = await github.getGitHubClient({ token: settings.token, baseUrl: settings.apiUrl });
      const pr = await github.openOrUpdatePullRequest(client, {
        repository: settings.repository,
        ...request,
        labels: settings.labels
      });
      return { number: pr.number, url: pr.url, operation: pr.operation };
    } catch (error) {
      throw new ActionError(
        `${github.describeGitHubError(error, { operation: `open the pull request from ${request.head} into ${request.base} in ${settings.repository}`, needs: { pull_requests: "write" } })} The branch ${request.head} was pushed; a re-run finds it.`,
        { cause: error }
      );
    }
  };
}

// packages/core/src/sync-submodules/index.ts
var FILTER = "blob:none";
var PARALLEL = 4;
async function syncSubmodules(opts) {
  const log = opts.log ?? (() => {
  });
  const warn = opts.warn ?? log;
  const checkout = await Git.open(opts.root, { env: opts.env });
  const git = checkout.with(opts.pushAuth ?? {});
  const fetcher = checkout.with(opts.fetchAuth ?? {});
  const writes = opts.mode !== "check";
  const declared = await git.submodules();
  if (!declared.length && opts.paths.length) {
    throw new InputError(
      "paths",
      `"${opts.paths[0]}" is not a submodule: ${git.dir} declares none (no .gitmodules entry with a path)`,
      "Check the working directory, or leave paths empty."
    );
  }
  if (!declared.length) {
    throw new ActionError(
      `${git.dir} declares no submodules (no .gitmodules entry with a path): there is nothing to ${opts.mode === "check" ? "check" : "update"}.`
    );
  }
  const selected = selectSubmodules(declared, opts.paths, warn);
  checkBranchOverrides(opts.branches, selected);
  const locations = gitmodulesLocations(path2.join(git.dir, ".gitmodules"));
  const target = writes ? await writableBranch(git, opts) : null;
  const superBranch = target ?? opts.branch ?? await git.currentBranch();
  await fetcher.submoduleInit(selected.map((s) => s.path));
  const plans = await mapLimit(selected, PARALLEL, async (entry) => {
    const url = await fetcher.submoduleUrl(entry.name) ?? entry.url;
    return resolveTip(fetcher, entry, url, opts.branches, superBranch, locations.get(entry.name), null);
  });
  await cloneMissing(fetcher, plans);
  const reports = await mapLimit(plans, PARALLEL, (plan) => {
    log(`${plan.fullPath}: fetching ${plan.branch}`);
    return measure(fetcher, plan);
  });
  const moves = reports.filter((r) => r.behind > 0);
  for (const r of moves.filter((m) => m.ahead > 0)) {
    warn(
      `${r.path}: the recorded commit ${short(r.from)} has ${r.ahead} commit(s) that are not on ${r.branch}; moving to the tip leaves them out.`
    );
  }
  const apply = writes && !opts.dryRun;
  for (const r of moves) {
    r.to = r.tip;
    r.behindAfter = 0;
    if (apply) await fetcher.submodule(r.path).checkout(r.tip);
    r.tag = await fetcher.submodule(r.path).describe(r.tip);
  }
  if (opts.recursive) {
    for (const r of [...reports]) reports.push(...await nestedReports(fetcher, r, opts, apply, log));
  }
  const checks = reports.map((r) => submoduleCheck(r, opts.mode === "check" ? opts.onBehind : "moved"));
  const workTree = writes && opts.includeWorkTree ? (await git.workTreeChanges()).filter((c) => !moves.some((m) => m.path === c.path)) : [];
  const changed = moves.length > 0 || workTree.length > 0;
  const base = {
    mode: opts.mode,
    submodules: reports,
    changed,
    operation: "unchanged",
    commitSha: null,
    commitMessage: null,
    pushedTo: null,
    pullRequest: null,
    checks,
    ok: true,
    workTree
  };
  if (opts.mode === "check") {
    return { ...base, operation: changed ? "behind" : "unchanged", ok: !checks.some((c) => c.status === "fail") };
  }
  if (!changed) {
    log(
      `Every selected submodule is at the tip of its branch${opts.includeWorkTree ? " and the work tree has no other change" : ""}: nothing to commit.`
    );
    return base;
  }
  const message = commitMessage(opts.commitMessage, moves, workTree);
  const paths = opts.includeWorkTree ? ["."] : moves.map((m) => m.path);
  if (opts.dryRun) {
    log(`Dry run: would commit
${message}`);
    return {
      ...base,
      operation: "dry-run",
      commitMessage: message,
      pushedTo: opts.mode === "update" ? target : opts.pullRequest?.branch ?? null
    };
  }
  if (opts.mode === "pull-request") {
    const pr = opts.pullRequest;
    if (!pr) throw new Error("pull-request mode without pull request settings");
    return { ...base, ...await proposeUpdate(git, opts, target, pr, moves, workTree, paths, message, log) };
  }
  const sha = await git.commit(message, opts.identity, paths);
  if (!sha) throw new Error("the submodules moved but git found nothing to commit");
  const pushed = await git.pushWithRetry(target, { attempts: opts.pushAttempts, identity: opts.identity });
  if (!pushed.pushed) {
    if (pushed.reason === "protected") {
      throw new ActionError(
        `Pushing to ${target} was refused by branch protection: ${lastLine(pushed.message)}. Use mode: pull-request to propose the update instead.`
      );
    }
    if (pushed.reason === "unauthorized") {
      throw new ActionError(
        `Pushing to ${target} was refused: ${reasonLine(pushed.message)}. Nothing was pushed. ${unauthorizedPushFix("github-token")}`,
        { input: "github-token" }
      );
    }
    throw new ActionError(
      `Could not push to ${target} after ${pushed.attempts} attempt(s): ${reasonLine(pushed.message)}. Nothing was pushed; the commit stays in this checkout only. Re-run to start again from the branch as it is now.`
    );
  }
  log(
    `Pushed ${short(pushed.sha)} to ${target}${pushed.attempts > 1 ? ` (after ${pushed.attempts - 1} rebase(s) onto a branch that moved)` : ""}.`
  );
  return { ...base, operation: "pushed", commitSha: pushed.sha, commitMessage: message, pushedTo: target };
}
function selectSubmodules(declared, paths, warn) {
  const known = declared.map((d) => d.path).join(", ");
  if (!paths.length) {
    const usable = declared.filter((d) => d.gitlink !== null);
    for (const d of declared.filter((x) => x.gitlink === null))
      warn(`.gitmodules declares "${d.name}" at ${d.path}, but HEAD records no submodule commit there: skipped.`);
    return usable;
  }
  const out = [];
  for (const raw of paths) {
    const p = normalizePath(raw);
    const entry = declared.find((d) => d.path === p);
    if (!entry)
      throw new InputError(
        "paths",
        `"${raw}" is not a submodule (the submodules are: ${known})`,
        "Give submodule paths as .gitmodules lists them."
      );
    if (entry.gitlink === null)
      throw new InputError(
        "paths",
        `"${raw}" is declared in .gitmodules, but HEAD records no submodule commit at that path`,
        "Add the submodule (git submodule add) or remove the stale .gitmodules entry."
      );
    if (!out.includes(entry))
      out.push(entry);
  }
  return out;
}
function checkBranchOverrides(branches, selected) {
  for (const p of Object.keys(branches.byPath)) {
    const top = selected.some((s) => s.path === p);
    const nested = selected.some((s) => p.startsWith(`${s.path}/`));
    if (!top && !nested) {
      throw new InputError(
        branches.input,
        `"${p}" is not one of the selected submodules (${selected.map((s) => s.path).join(", ")})`,
        "Write entries as <submodule path>=<branch>."
      );
    }
  }
}
function normalizePath(p) {
  return p.replace(/^\.\/+/, "").replace(/\/+$/, "");
}
async function writableBranch(git, opts) {
  const dirty = opts.includeWorkTree ? [] : await git.changedFiles();
  if (dirty.length) {
    throw new ActionError(
      `The work tree has uncommitted changes (${dirty.slice(0, 10).join(", ")}${dirty.length > 10 ? ", \u2026" : ""}): the update commit would mix them in. Commit or discard them first, run this step before the steps that change files, or set include-work-tree: true to propose them with the submodules.`
    );
  }
  const branch = opts.branch ?? await git.currentBranch();
  if (!branch) {
    throw new InputError(
      "branch",
      `HEAD is detached at ${short(await git.head())} and no branch is named, so there is no branch to ${opts.mode === "pull-request" ? "propose the update into" : "push the update to"}`,
      'Check out a branch (actions/checkout with ref: <branch>) or name it in "branch".'
    );
  }
  return branch;
}
async function resolveTip(git, entry, url, overrides, parentBranch, location, parent) {
  const fullPath = parent ? `${parent}/${entry.path}` : entry.path;
  const where = location ? { file: location.file, line: location.branch ?? location.header } : void 0;
  const unreachable = (error) => new ActionError(
    // A stall already names the host, the limit and the input to raise; the url may be right.
    error instanceof NetworkError ? `Submodule "${fullPath}" (${safeUrl(url)}): ${error.message}` : `Submodule "${fullPath}": cannot reach ${safeUrl(url)}: ${describeGitError(error)}. Check its url in .gitmodules; for a private repository give "fetch-token" or "fetch-ssh-key".`,
    { location: location ? { file: location.file, line: location.url ?? location.header } : void 0, cause: error }
  );
  let branch = overrides.byPath[fullPath] ?? (parent ? void 0 : overrides.all);
  let branchFrom = "input";
  if (!branch && entry.branch) {
    branchFrom = ".gitmodules";
    branch = entry.branch;
    if (branch === ".") {
      if (!parentBranch)
        throw new ActionError(
          `Submodule "${fullPath}" follows the superproject's branch (branch = .), but HEAD is detached. Check out a branch or name one in "branch".`,
          { location: where }
        );
      branch = parentBranch;
    }
  }
  if (!branch) {
    branchFrom = "remote default branch";
    try {
      branch = await git.remoteDefaultBranch(url) ?? void 0;
    } catch (error) {
      throw unreachable(error);
    }
    if (!branch)
      throw new ActionError(
        `Submodule "${fullPath}": ${safeUrl(url)} names no default branch. Set branch = in .gitmodules or name one in "${overrides.input}".`,
        { location: where }
      );
  }
  let refs;
  try {
    refs = await git.lsRemote(url, { heads: true, patterns: [`refs/heads/${branch}`] });
  } catch (error) {
    throw unreachable(error);
  }
  const tip = refs.get(`refs/heads/${branch}`);
  if (!tip) {
    if (branchFrom === "input") {
      throw new InputError(
        overrides.input,
        `submodule "${fullPath}": ${safeUrl(url)} has no branch "${branch}"`,
        "Name a branch that exists in the submodule's repository."
      );
    }
    throw new ActionError(
      `Submodule "${fullPath}" follows branch "${branch}" (${branchFrom}), which ${safeUrl(url)} does not have. Fix branch = in .gitmodules, or name the branch in "${overrides.input}".`,
      { location: where }
    );
  }
  return { entry, fullPath, url, branch, branchFrom, tip, parent, location: where };
}
async function cloneMissing(git, plans) {
  const missing = plans.filter((p) => !fs2.existsSync(path2.join(git.dir, p.entry.path, ".git")));
  if (!missing.length) return;
  const all = await git.submoduleUpdate(
    missing.map((p) => p.entry.path),
    { init: true, filter: FILTER, jobs: PARALLEL }
  ).then(
    () => true,
    () => false
  );
  if (all) return;
  for (const plan of missing) {
    try {
      await git.submoduleUpdate([plan.entry.path], { init: true, filter: FILTER });
    } catch (error) {
      throw new ActionError(
        `Submodule "${plan.fullPath}": could not check out the recorded commit ${short(plan.entry.gitlink)} from ${safeUrl(plan.url)}: ${describeGitError(error)}. If that commit was removed from the submodule's repository, move the submodule by hand once.`,
        { cause: error }
      );
    }
  }
}
async function measure(git, plan) {
  const { entry } = plan;
  const sub = git.submodule(entry.path);
  try {
    await sub.fetch("origin", [`+refs/heads/${plan.branch}:refs/remotes/origin/${plan.branch}`], {
      tags: true,
      unshallow: await sub.isShallow()
    });
  } catch (error) {
    throw new ActionError(
      `Submodule "${plan.fullPath}": fetching ${plan.branch} from ${safeUrl(plan.url)} failed: ${describeGitError(error)}.`,
      { cause: error }
    );
  }
  const tip = await sub.revParse(`refs/remotes/origin/${plan.branch}`) ?? plan.tip;
  if (!await ensureCommit(sub, entry.gitlink)) {
    throw new ActionError(
      `Submodule "${plan.fullPath}": the recorded commit ${short(entry.gitlink)} is not in ${safeUrl(plan.url)} any more. Move the submodule by hand once (git -C ${plan.fullPath} checkout <commit>; git add ${plan.fullPath}).`
    );
  }
  const behind = await sub.countCommits(entry.gitlink, tip);
  const ahead = await sub.countCommits(tip, entry.gitlink);
  return {
    path: plan.fullPath,
    name: entry.name,
    branch: plan.branch,
    branchFrom: plan.branchFrom,
    from: entry.gitlink,
    to: entry.gitlink,
    tip,
    behind,
    behindAfter: behind,
    ahead,
    tag: await sub.describe(entry.gitlink),
    parent: plan.parent,
    location: plan.location
  };
}
async function nestedReports(superproject, parent, opts, apply, log) {
  const sub = superproject.submodule(parent.path);
  const declared = await sub.submodules(parent.to);
  const usable = declared.filter((d) => d.gitlink !== null);
  if (!usable.length) return [];
  const before = parent.to === parent.from ? null : await sub.gitlinks(
    parent.from,
    usable.map((d) => d.path)
  );
  if (apply) await sub.submoduleUpdate([], { init: true, recursive: true, filter: FILTER });
  else await sub.submoduleInit(usable.map((u) => u.path));
  const locations = gitmodulesLocations(path2.join(sub.dir, ".gitmodules"), parent.path);
  const out = [];
  for (const entry of usable) {
    const url = await sub.submoduleUrl(entry.name) ?? entry.url;
    const plan = await resolveTip(
      sub,
      entry,
      url,
      opts.branches,
      parent.branch,
      locations.get(entry.name),
      parent.path
    );
    log(`${plan.fullPath}: fetching ${plan.branch}`);
    await cloneMissing(sub, [plan]);
    const report = await measure(sub, plan);
    const previous = before?.get(entry.path);
    if (previous && previous !== report.from) {
      const nested = sub.submodule(entry.path);
      report.to = report.from;
      report.from = previous;
      if (await ensureCommit(nested, previous)) {
        report.behind = await nested.countCommits(previous, report.tip);
        report.ahead = await nested.countCommits(report.tip, previous);
      }
      report.tag = await nested.describe(report.to);
    }
    report.behindAfter = await sub.submodule(entry.path).countCommits(report.to, report.tip);
    out.push(report);
    out.push(...await nestedReports(superproject, report, opts, apply, log));
  }
  return out;
}
async function ensureCommit(git, sha) {
  if (await git.revParse(sha)) return true;
  await git.fetch("origin", [sha]).catch(() => void 0);
  return await git.revParse(sha) !== null;
}
async function proposeUpdate(git, opts, base, pr, moves, workTree, paths, message, log) {
  const start = await git.head();
  await git.checkout(start, { branch: pr.branch });
  const sha = await git.commit(message, opts.identity, paths);
  if (!sha) throw new Error("the submodules moved but git found nothing to commit");
  let pushed = false;
  for (let attempt = 1; ; attempt++) {
    const existing = await git.remoteBranch(pr.branch);
    if (existing && existing !== sha) {
      await git.fetch("origin", [`+refs/heads/${pr.branch}:refs/remotes/origin/${pr.branch}`]);
      const sameTree = await git.treeOf(existing) === await git.treeOf(sha);
      const sameBase = await git.revParse(`${existing}^`) === start;
      if (sameTree && sameBase) {
        log(`${pr.branch} already holds this update (${short(existing)}).`);
        await git.resetHard(existing);
        break;
      }
    }
    if (existing === sha) break;
    const outcome2 = await git.pushBranch("HEAD", pr.branch, { lease: existing });
    if (outcome2.pushed) {
      pushed = true;
      log(`Pushed ${short(sha)} to ${pr.branch}${existing ? ` (replacing ${short(existing)})` : ""}.`);
      break;
    }
    if (outcome2.reason === "unauthorized") {
      throw new ActionError(
        `Pushing the update to ${pr.branch} was refused: ${reasonLine(outcome2.message)}. Nothing was proposed. ${unauthorizedPushFix("github-token")}`,
        { input: "github-token" }
      );
    }
    if (outcome2.reason === "protected" || attempt >= opts.pushAttempts) {
      throw new ActionError(
        `Could not push the update to ${pr.branch}: ${lastLine(outcome2.message)}. Nothing was proposed. Re-run to start again.`
      );
    }
    log(`${pr.branch} moved while pushing; trying again.`);
  }
  const headSha = await git.head();
  const body = pullRequestBody(moves, workTree);
  const outcome = await pr.open({ base, head: pr.branch, title: pr.title, body });
  log(`Pull request #${outcome.number} ${outcome.operation}: ${outcome.url}`);
  const operation = outcome.operation === "created" ? "pull-request-created" : pushed || outcome.operation === "updated" ? "pull-request-updated" : "pull-request-unchanged";
  const completed = !pushed && outcome.operation === "created" ? completedNote(pr.branch, outcome.number) : void 0;
  if (completed) log(completed);
  return {
    operation,
    commitSha: headSha,
    commitMessage: message,
    pushedTo: pr.branch,
    pullRequest: outcome,
    ...completed ? { completed } : {}
  };
}
export {
  commitMessage,
  expandStamp,
  pullRequestBody,
  pullRequestOpener,
  repositoryOfUrl,
  safeUrl,
  short,
  submodulesJson,
  submodulesTable,
  syncFork,
  syncSubmodules,
  unknownPlaceholders,
  workTreeCounts
};
