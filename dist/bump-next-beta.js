import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  resolveRuleFile,
  rulesFromInputs
} from "./chunks/chunk-V52OXMLQ.js";
import {
  booleanInput,
  branchInput,
  enumInput,
  info,
  input,
  integerInput,
  isBranchName,
  keyValueTable,
  mdCell,
  mdCode,
  mdText,
  pathInput,
  preflight,
  readContext,
  runAction,
  setOutputs,
  writeSummary
} from "./chunks/chunk-6EBB3KKC.js";
import {
  setSecret
} from "./chunks/chunk-EF3Y6A4G.js";
import {
  InputError
} from "./chunks/chunk-QOTITQBY.js";
import "./chunks/chunk-G4ULM5DF.js";
import "./chunks/chunk-SSVNKAZ6.js";

// actions/bump-next-beta/src/main.ts
async function run() {
  await runAction("bump-next-beta", async () => {
    const ctx = readContext();
    const token = input("github-token");
    if (token) setSecret(token);
    const root = pathInput("working-directory", { fallback: ".", mustExist: true, kind: "dir" });
    const part = enumInput("bump", ["patch", "minor", "major"], "patch");
    const pre = enumInput("pre", ["a", "b", "rc"], "b");
    const scheme = enumInput("version-format", ["auto", "pep440", "semver"], "auto");
    const stableMarker = enumInput("stable-marker", ["keep", "beta"], "keep");
    const mode = enumInput("mode", ["push", "pull-request"], "push");
    const force = booleanInput("force", false);
    const dryRun = booleanInput("dry-run", ctx.act);
    const attempts = integerInput("push-attempts", 3, { min: 1, max: 10 });
    const devBranch = branchInput("dev-branch", "dev");
    const fastForwardFrom = branchInput("fast-forward-from") || null;
    const commitMessage = input("commit-message") || "Bump version to {version}";
    const prBranch = input("pull-request-branch") || "bump/{version}";
    const prTitle = input("pull-request-title") || commitMessage;
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
    const identityText = input("identity") || "Github Actions <actions@github.com>";
    const { rules, rulesInput, rulesFrom } = await rulesFromInputs(root);
    for (const rule of rules) resolveRuleFile(root, rule, rulesInput);
    const versionInput = input("version");
    const tagPrefix = input("tag-prefix");
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
    const { bumpNextBeta, pullRequestOpener } = await import("./chunks/bump-next-beta-SRAGDX2T.js");
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
