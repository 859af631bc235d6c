import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  annotateChecks,
  branchName,
  checkCheckout,
  group,
  info,
  inputReader,
  isBranchName,
  keyValueTable,
  maskSecret,
  mdBlock,
  preflight,
  readContext,
  runAction,
  setOutputs,
  warning,
  writeSummary
} from "./chunks/chunk-44VCN7XQ.js";
import "./chunks/chunk-EF3Y6A4G.js";
import {
  InputError
} from "./chunks/chunk-QOTITQBY.js";
import "./chunks/chunk-G4ULM5DF.js";
import "./chunks/chunk-SSVNKAZ6.js";

// actions/sync-submodules/src/inputs.generated.ts
var inputs = inputReader({
  mode: { default: "update" },
  paths: {},
  "submodule-branch": {},
  recursive: { default: "false" },
  branch: {},
  "commit-message": { default: "Update submodules" },
  author: { default: "Github Actions <actions@github.com>" },
  "on-behind": { default: "fail" },
  "pull-request-branch": { default: "update/{date}" },
  "pull-request-title": { default: "Update submodules {date}" },
  "pull-request-labels": {},
  "include-work-tree": { default: "false" },
  upstream: {},
  "upstream-branch": {},
  "fork-method": { default: "auto" },
  "fork-strategy": { default: "merge" },
  "fetch-token": {},
  "fetch-ssh-key": {},
  "github-token": {},
  // ${{ github.token }}: evaluated by the runner
  "push-attempts": { default: "3" },
  "working-directory": { default: "." },
  "dry-run": {},
  "network-timeout": { default: "60" }
});

// actions/sync-submodules/src/main.ts
var MODES = ["update", "pull-request", "check", "fork"];
async function run() {
  await runAction("sync-submodules", async () => {
    const ctx = readContext();
    const mode = inputs.choice("mode", MODES);
    const root = inputs.path("working-directory", { mustExist: true, kind: "dir" });
    const dryRun = inputs.booleanOr("dry-run", ctx.act && mode !== "check");
    const authorText = inputs.text("author");
    const pushAttempts = inputs.integer("push-attempts", { min: 1, max: 10 });
    const branch = inputs.branch("branch") || null;
    const fetchToken = inputs.text("fetch-token");
    const sshKey = inputs.text("fetch-ssh-key");
    maskSecret(fetchToken);
    maskSecret(inputs.text("github-token"));
    maskSecret(sshKey);
    if (sshKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(sshKey)) {
      throw new InputError(
        "fetch-ssh-key",
        'is not a private key (no "-----BEGIN \u2026 PRIVATE KEY-----" line)',
        "Give the whole private key, e.g. from a secret."
      );
    }
    const fork = mode === "fork" ? forkInputs(ctx) : null;
    const update = mode !== "fork" ? updateInputs(mode) : null;
    const includeWorkTree = inputs.boolean("include-work-tree");
    if (includeWorkTree && mode !== "update" && mode !== "pull-request") {
      throw new InputError(
        "include-work-tree",
        `applies to the update and pull-request modes, not ${mode} (it commits what the work tree changed)`,
        "Remove it, or use mode: pull-request."
      );
    }
    const pr = mode === "pull-request" ? pullRequestInputs(ctx) : null;
    checkCheckout(root);
    const { authConfig, parseIdentity, writeSshKeyFile } = await import("./chunks/git-BEXECE4G.js");
    const identity = parseIdentity(authorText);
    if (!identity)
      throw new InputError(
        "author",
        `"${authorText}" is not "Name <email>"`,
        "Write it like Github Actions <actions@github.com>."
      );
    const job = await import("./chunks/sync-submodules-KWZPEPGL.js");
    if (pr) {
      for (const [name, value] of [
        ["pull-request-branch", pr.branch],
        ["pull-request-title", pr.title]
      ]) {
        const unknown = job.unknownPlaceholders(value);
        if (unknown.length)
          throw new InputError(
            name,
            `unknown placeholder {${unknown[0]}}`,
            "Use {date}, {YYYY}, {YY}, {MM}, {Mon}, {DD} or {epoch}."
          );
      }
    }
    preflight({
      writes: [
        {
          input: "working-directory",
          dir: root,
          what: mode === "check" ? "fetched submodule commits" : "submodule commits and a commit"
        }
      ]
    });
    const key = sshKey ? writeSshKeyFile(sshKey) : null;
    try {
      const fetchAuth = authConfig({
        token: fetchToken || void 0,
        serverUrl: ctx.serverUrl,
        sshKeyFile: key?.file
      });
      const pushAuth = authConfig({
        token: inputs.text("github-token") || void 0,
        serverUrl: ctx.serverUrl
      });
      const common = {
        root,
        identity,
        dryRun,
        pushAttempts,
        fetchAuth,
        pushAuth,
        log: (l) => info(l),
        warn: (l) => warning(l)
      };
      if (fork) {
        const api = {
          method: fork.method,
          token: inputs.text("github-token"),
          apiUrl: ctx.apiUrl,
          serverUrl: ctx.serverUrl,
          upstream: fork.raw
        };
        const result2 = await group(
          `Bringing ${branch ?? "the checked-out branch"} up to date with ${fork.upstreamLabel}`,
          () => job.syncFork({ ...common, branch, upstream: fork.upstream, api, strategy: fork.strategy })
        );
        await reportFork(result2, fork.upstreamLabel, dryRun);
        return;
      }
      const pullRequest = pr ? {
        branch: job.expandStamp(pr.branch, pr.now),
        title: job.expandStamp(pr.title, pr.now),
        open: job.pullRequestOpener({
          token: pr.token,
          repository: ctx.repository,
          labels: pr.labels,
          apiUrl: ctx.apiUrl
        })
      } : void 0;
      const result = await group(
        `Submodules (${mode}${dryRun ? ", dry run" : ""})`,
        () => job.syncSubmodules({
          ...common,
          ...update,
          mode,
          branch,
          pullRequest,
          includeWorkTree
        })
      );
      await reportUpdate(result, job, dryRun);
    } finally {
      key?.remove();
    }
  });
}
function updateInputs(mode) {
  const commitMessage = inputs.text("commit-message");
  if (commitMessage.includes("\n"))
    throw new InputError(
      "commit-message",
      "spans several lines",
      "Give the first line only: the list of moved submodules follows it."
    );
  return {
    paths: inputs.list("paths"),
    branches: parseBranchOverrides(inputs.list("submodule-branch")),
    recursive: inputs.boolean("recursive"),
    commitMessage,
    onBehind: mode === "check" ? inputs.choice("on-behind", ["fail", "warn"]) : "fail"
  };
}
function parseBranchOverrides(entries) {
  const out = { byPath: {}, input: "submodule-branch" };
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq < 0) {
      if (out.all || entries.length > 1) {
        throw new InputError(
          "submodule-branch",
          `"${entry}" mixes a branch for all with other entries`,
          "Give one branch name for every submodule, or only path=branch lines."
        );
      }
      out.all = entry;
      continue;
    }
    const p = entry.slice(0, eq).trim().replace(/^\.\/+/, "").replace(/\/+$/, "");
    const b = entry.slice(eq + 1).trim();
    if (!p || !b)
      throw new InputError(
        "submodule-branch",
        `${JSON.stringify(entry)} is not path=branch`,
        "Write each entry as <submodule path>=<branch>."
      );
    out.byPath[p] = branchName("submodule-branch", b);
  }
  if (out.all !== void 0) out.all = branchName("submodule-branch", out.all);
  return out;
}
function pullRequestInputs(ctx) {
  const branch = inputs.text("pull-request-branch");
  const title = inputs.text("pull-request-title");
  if (!isBranchName(branch.replace(/\{\w+\}/g, "x"))) {
    throw new InputError(
      "pull-request-branch",
      `${JSON.stringify(branch)} is not a valid branch name`,
      'Write it like update/{date}: no spaces, "..", line breaks or ~^:?*[\\.'
    );
  }
  const token = inputs.text("github-token");
  if (!token)
    throw new InputError(
      "github-token",
      "is empty, and pull-request mode needs it to open the pull request",
      "Pass a token with contents: write and pull-requests: write (the default github.token has them when the job grants them)."
    );
  if (!ctx.repository)
    throw new InputError(
      "mode",
      "pull-request needs the repository (GITHUB_REPOSITORY), which is not set",
      "Run on GitHub Actions, or set GITHUB_REPOSITORY."
    );
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1e3) : /* @__PURE__ */ new Date();
  return { branch, title, labels: inputs.list("pull-request-labels"), token, now };
}
function forkInputs(ctx) {
  const raw = inputs.text("upstream");
  if (!raw)
    throw new InputError(
      "upstream",
      "is required in fork mode",
      "Give the upstream repository as owner/name, e.g. ThePorgs/Exegol-images."
    );
  let url;
  if (/^[\w.-]+\/[\w.-]+$/.test(raw)) url = `${ctx.serverUrl.replace(/\/+$/, "")}/${raw.replace(/\.git$/, "")}.git`;
  else if (/^(https?|ssh|git|file):\/\/\S+$/.test(raw) || /^[\w.-]+@[\w.-]+:\S+$/.test(raw)) url = raw;
  else
    throw new InputError(
      "upstream",
      `"${raw}" is neither owner/name nor a clone URL`,
      "Give it as owner/name, e.g. ThePorgs/Exegol-images."
    );
  const method = inputs.choice("fork-method", ["auto", "api", "git"]);
  const strategy = inputs.choice("fork-strategy", ["merge", "ff-only"]);
  return {
    upstream: { url, branch: inputs.branch("upstream-branch") || null },
    upstreamLabel: raw.includes("://") || raw.includes("@") ? "upstream" : raw,
    raw,
    method,
    strategy
  };
}
async function reportUpdate(result, job, dryRun) {
  annotateChecks(result.checks, "sync-submodules");
  const behind = result.submodules.filter((s) => !s.parent).reduce((n, s) => n + s.behind, 0);
  setOutputs({
    changed: result.changed,
    operation: result.operation,
    "commit-sha": result.commitSha ?? "",
    "pull-request-number": result.pullRequest?.number ?? "",
    "pull-request-url": result.pullRequest?.url ?? "",
    submodules: job.submodulesJson(result.submodules),
    behind,
    "work-tree-changes": result.workTree.length
  });
  const icon = result.ok ? result.changed ? "\u{1F504}" : "\u2705" : "\u274C";
  await writeSummary(
    [
      `### sync-submodules ${icon} ${result.mode}${dryRun ? " (dry run)" : ""}`,
      "",
      job.submodulesTable(result.submodules),
      "",
      keyValueTable({
        operation: result.operation,
        "pushed to": result.pushedTo ?? void 0,
        commit: result.commitSha ?? void 0,
        "pull request": result.pullRequest ? `#${result.pullRequest.number} (${result.pullRequest.operation})` : void 0,
        completed: result.completed,
        "behind in all": behind,
        "other changes committed": result.workTree.length ? job.workTreeCounts(result.workTree) : void 0
      }),
      "",
      ...result.commitMessage ? [dryRun ? "Would commit:" : "Commit message:", "", mdBlock(result.commitMessage.trimEnd(), "text"), ""] : []
    ].join("\n")
  );
  if (!result.ok) {
    info("Some submodules are behind their branch; see the annotations above.");
    process.exitCode = 1;
  }
}
async function reportFork(result, upstreamLabel, dryRun) {
  setOutputs({
    changed: result.changed,
    operation: result.operation,
    "commit-sha": result.commitSha ?? "",
    "pull-request-number": "",
    "pull-request-url": "",
    submodules: "[]",
    behind: result.behind,
    method: result.method,
    "work-tree-changes": 0
  });
  await writeSummary(
    [
      `### sync-submodules ${result.changed ? "\u{1F504}" : "\u2705"} fork${dryRun ? " (dry run)" : ""}`,
      "",
      keyValueTable({
        branch: result.branch,
        upstream: `${upstreamLabel} ${result.upstreamBranch}`,
        method: result.method,
        operation: result.operation,
        "commits taken from upstream": result.behind,
        "commits only on the fork": result.ahead,
        from: result.from,
        to: result.to
      }),
      ""
    ].join("\n")
  );
}

// actions/sync-submodules/src/index.ts
await run();
