import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  resolveRuleFile,
  rulesFromInputs
} from "./chunks/chunk-VC36UC5U.js";
import {
  info,
  inputReader,
  isBranchName,
  keyValueTable,
  maskSecret,
  mdCell,
  mdCode,
  mdText,
  preflight,
  readContext,
  runAction,
  setOutputs,
  writeSummary
} from "./chunks/chunk-44VCN7XQ.js";
import "./chunks/chunk-EF3Y6A4G.js";
import {
  InputError
} from "./chunks/chunk-QOTITQBY.js";
import "./chunks/chunk-G4ULM5DF.js";
import "./chunks/chunk-SSVNKAZ6.js";

// actions/bump-next-beta/src/inputs.generated.ts
var inputs = inputReader({
  preset: { default: "auto" },
  rules: {},
  "config-file": {},
  "working-directory": { default: "." },
  version: {},
  "tag-prefix": {},
  bump: { default: "patch" },
  pre: { default: "b" },
  "version-format": { default: "auto" },
  "stable-marker": { default: "keep" },
  force: { default: "false" },
  "dev-branch": { default: "dev" },
  "fast-forward-from": {},
  mode: { default: "push" },
  "push-attempts": { default: "3" },
  "commit-message": { default: "Bump version to {version}" },
  identity: { default: "Github Actions <actions@github.com>" },
  "pull-request-branch": { default: "bump/{version}" },
  "pull-request-title": {},
  "github-token": {},
  // ${{ github.token }}: evaluated by the runner
  "dry-run": {},
  "network-timeout": { default: "60" }
});

// actions/bump-next-beta/src/main.ts
async function run() {
  await runAction("bump-next-beta", async () => {
    const ctx = readContext();
    const token = inputs.text("github-token");
    maskSecret(token);
    const root = inputs.path("working-directory", { mustExist: true, kind: "dir" });
    const part = inputs.choice("bump", ["patch", "minor", "major"]);
    const pre = inputs.choice("pre", ["a", "b", "rc"]);
    const scheme = inputs.choice("version-format", ["auto", "pep440", "semver"]);
    const stableMarker = inputs.choice("stable-marker", ["keep", "beta"]);
    const mode = inputs.choice("mode", ["push", "pull-request"]);
    const force = inputs.boolean("force");
    const dryRun = inputs.booleanOr("dry-run", ctx.act);
    const attempts = inputs.integer("push-attempts", { min: 1, max: 10 });
    const devBranch = inputs.branch("dev-branch");
    const fastForwardFrom = inputs.branch("fast-forward-from") || null;
    const commitMessage = inputs.text("commit-message");
    const prBranch = inputs.text("pull-request-branch");
    const prTitle = inputs.text("pull-request-title") || commitMessage;
    if (!isBranchName(prBranch.replaceAll("{version}", "1.0.0"))) {
      throw new InputError(
        "pull-request-branch",
        `${JSON.stringify(prBranch)} is not a valid branch name`,
        'Write it like bump/{version}: no spaces, "..", line breaks or ~^:?*[\\.'
      );
    }
    if (fastForwardFrom === devBranch)
      throw new InputError(
        "fast-forward-from",
        `is the dev branch itself ("${devBranch}")`,
        "Name the release branch (master, main)."
      );
    const identityText = inputs.text("identity");
    const { rules, rulesInput, rulesFrom } = await rulesFromInputs(root);
    for (const rule of rules) resolveRuleFile(root, rule, rulesInput);
    const versionInput = inputs.text("version");
    const tagPrefix = inputs.text("tag-prefix");
    if (versionInput) {
      const { hasLeadingZeros, nextPrerelease, parseVersion, VersionError } = await import("./chunks/version-PMHZCHNQ.js");
      const raw = versionInput.startsWith(tagPrefix) ? versionInput.slice(tagPrefix.length) : versionInput;
      let released2;
      try {
        released2 = parseVersion(raw);
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError("version", e.message, "Give the release the next beta follows, like 4.3.5.");
      }
      if (hasLeadingZeros(raw))
        throw new InputError(
          "version",
          `${raw} has a number with a leading zero`,
          `Write it as PEP 440 reads it: ${released2.normalized}.`
        );
      try {
        nextPrerelease(released2, { part, pre });
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(
          "pre",
          e.message,
          `Set pre to ${released2.pre?.kind ?? "a higher kind"}, bump minor, or give the release it follows in "version".`
        );
      }
    }
    const { Git, authConfig, parseIdentity } = await import("./chunks/git-BEXECE4G.js");
    const identity = parseIdentity(identityText);
    if (!identity)
      throw new InputError(
        "identity",
        `${JSON.stringify(identityText)} is not "Name <email>"`,
        'Write it like "Github Actions <actions@github.com>".'
      );
    const { bumpNextBeta, pullRequestOpener } = await import("./chunks/bump-next-beta-G5IW5CTY.js");
    const git = await Git.open(root, token ? authConfig({ token, serverUrl: ctx.serverUrl }) : {});
    preflight({ writes: [{ input: "working-directory", dir: root, what: "the version files and a commit" }] });
    const released = versionInput ? { value: versionInput, source: 'input "version"', input: "version" } : ctx.tag ? { value: ctx.tag, source: `the pushed tag ${ctx.tag}`, input: "version" } : void 0;
    const result = await bumpNextBeta({
      git,
      root,
      rules,
      rulesInput,
      released,
      tagPrefix,
      part,
      pre,
      scheme,
      stableMarker,
      force,
      devBranch,
      fastForwardFrom,
      mode,
      commitMessage,
      identity,
      pullRequest: { branch: prBranch, title: prTitle },
      attempts,
      dryRun,
      openPullRequest: token && ctx.repository ? pullRequestOpener({ token, repository: ctx.repository, apiUrl: ctx.apiUrl }) : null
    });
    for (const note of result.notes) info(note);
    const pr = result.pullRequest;
    setOutputs({
      "previous-version": result.previousVersion,
      "next-version": result.nextVersion,
      "commit-sha": result.commitSha,
      pushed: result.pushed,
      "fast-forwarded": result.fastForward?.pushed ?? false,
      "pull-request-number": pr?.number ?? "",
      "pull-request-url": pr?.url ?? "",
      "triggers-workflows": pr ? pr.triggersWorkflows : "",
      operation: result.operation
    });
    await writeSummary(
      [
        `### bump-next-beta: ${result.operation}${result.dryRun ? " (dry-run)" : ""}`,
        "",
        keyValueTable({
          "previous version": result.previousVersion || "none (no version file)",
          "next version": result.nextVersion,
          "follows release": result.released ? `${result.released.version} (${result.released.source})` : void 0,
          "fast-forward": result.fastForward ? result.fastForward.needed ? `${devBranch} ${result.fastForward.from.slice(0, 8)} \u2192 ${fastForwardFrom} ${result.fastForward.to.slice(0, 8)}${result.fastForward.pushed ? "" : " (not pushed)"}` : "not needed" : void 0,
          commit: result.commitSha,
          pushed: result.pushed,
          "pull request": pr ? `#${pr.number} (${pr.operation}) ${pr.url}` : void 0,
          rules: rulesFrom
        }),
        "",
        ...result.changes.length ? [
          "| File | Line | From | To |",
          "| --- | --- | --- | --- |",
          ...result.changes.map(
            (c) => `| ${mdCell(mdCode(c.file))} | ${c.line} | ${mdCell(mdCode(c.from))} | ${mdCell(mdCode(c.to))} |`
          ),
          ""
        ] : [],
        ...result.notes.map((n) => `> ${mdText(n)}`),
        ""
      ].join("\n")
    );
  });
}

// actions/bump-next-beta/src/index.ts
await run();
