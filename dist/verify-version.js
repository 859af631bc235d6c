import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  rulesFromInputs
} from "./chunks/chunk-VC36UC5U.js";
import {
  annotateChecks,
  checksTable,
  group,
  info,
  inputReader,
  keyValueTable,
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

// actions/verify-version/src/main.ts
import * as path from "node:path";

// actions/verify-version/src/inputs.generated.ts
var inputs = inputReader({
  preset: { default: "auto" },
  rules: {},
  "config-file": {},
  "working-directory": { default: "." },
  version: {},
  tag: {},
  "tag-prefix": {},
  "require-stable": { default: "auto" },
  "release-branch": { default: "master" },
  "dev-branch": { default: "dev" },
  "compare-previous": { default: "true" },
  "check-release-pr": { default: "false" },
  "release-pr-title": { default: "Release {version}" },
  "test-file-mismatch": { default: "warning" },
  "github-token": {},
  // ${{ github.token }}: evaluated by the runner
  "network-timeout": { default: "60" }
});

// actions/verify-version/src/main.ts
async function run() {
  await runAction("verify-version", async () => {
    const ctx = readContext();
    const root = inputs.path("working-directory", { mustExist: true, kind: "dir" });
    const requireStable = inputs.choice("require-stable", ["auto", "true", "false"]);
    const finalSeverity = inputs.choice("test-file-mismatch", ["warning", "error"]);
    const comparePrevious = inputs.boolean("compare-previous");
    const checkReleasePr = inputs.boolean("check-release-pr");
    const tagPrefix = inputs.text("tag-prefix");
    const releaseBranch = inputs.branch("release-branch");
    const devBranch = inputs.branch("dev-branch");
    const titleTemplate = inputs.text("release-pr-title");
    if (!titleTemplate.includes("{version}")) {
      throw new InputError(
        "release-pr-title",
        `"${titleTemplate}" has no {version} placeholder`,
        'Write it like "Release {version}".'
      );
    }
    const { rules, rulesInput, rulesFrom } = await rulesFromInputs(root);
    const { Git } = await import("./chunks/git-BEXECE4G.js");
    const { findReleasePullRequest, nextBeta, verifyVersion } = await import("./chunks/verify-version-HNQDQZVF.js");
    preflight({
      writes: comparePrevious ? [{ input: "working-directory", dir: root, what: "fetched history and tags" }] : []
    });
    const git = comparePrevious ? await Git.open(root) : null;
    const explicit = inputs.text("version");
    const { hasLeadingZeros, parseVersionTag, parseVersion, VersionError } = await import("./chunks/version-PMHZCHNQ.js");
    if (explicit) {
      let given;
      try {
        given = parseVersion(explicit);
      } catch (e) {
        if (e instanceof VersionError)
          throw new InputError("version", e.message, "Give the version as the project writes it.");
        throw e;
      }
      if (hasLeadingZeros(explicit))
        throw new InputError(
          "version",
          `${explicit} has a number with a leading zero`,
          `Write it as PEP 440 reads it: ${given.normalized}.`
        );
    }
    const givenTag = inputs.text("tag");
    if (givenTag && !parseVersionTag(givenTag, tagPrefix)) {
      throw new InputError(
        "tag",
        `${JSON.stringify(givenTag)} is not a version${tagPrefix ? ` after the prefix "${tagPrefix}"` : ""}`,
        `Give the tag as pushed, e.g. ${tagPrefix}4.3.6, or set tag-prefix.`
      );
    }
    const tag = givenTag || ctx.tag;
    const opts = {
      root,
      rules,
      rulesInput,
      version: explicit ? { value: explicit, source: 'input "version"' } : versionFromPullRequest(ctx, rules, titleTemplate),
      tag: tag ? { value: tag, source: givenTag ? 'input "tag"' : ctx.ref } : void 0,
      tagPrefix,
      requireStable: stableRequirement(requireStable, ctx, releaseBranch),
      finalSeverity,
      git,
      releasePr: checkReleasePr ? {
        titleTemplate,
        describe: `from ${devBranch} to ${releaseBranch}`,
        head: { repository: ctx.repository, ref: devBranch },
        find: () => findReleasePullRequest({
          token: inputs.text("github-token"),
          repository: ctx.repository,
          head: devBranch,
          base: releaseBranch,
          number: ctx.pullRequest && ctx.pullRequest.baseRef === releaseBranch ? ctx.pullRequest.number : void 0
        })
      } : null
    };
    const result = await group("Checking the version", async () => {
      const r = await verifyVersion(opts);
      for (const c of r.checks) info(`${c.status.padEnd(4)}  ${c.title}: ${c.detail}`);
      return r;
    });
    annotateChecks(result.checks, "verify-version");
    const v = result.version;
    if (v) {
      setOutputs({
        version: v.raw,
        normalized: v.normalized,
        "is-prerelease": v.isPrerelease,
        major: v.major,
        minor: v.minor,
        patch: v.patch,
        "next-beta": nextBeta(v),
        final: v.final,
        "previous-tag": result.previousTag ?? ""
      });
    }
    setOutputs({
      history: result.history,
      checks: JSON.stringify(
        result.checks.map((c) => ({
          id: c.id,
          title: c.title,
          status: c.status,
          detail: c.detail,
          file: c.location ? path.relative(root, c.location.file) : void 0,
          line: c.location?.line
        }))
      )
    });
    const failed = result.checks.filter((c) => c.status === "fail").length;
    await writeSummary(
      [
        `### verify-version ${result.ok ? "\u2705" : "\u274C"} ${v ? `\`${v.raw}\`` : ""}`,
        "",
        checksTable(result.checks),
        "",
        keyValueTable({
          rules: rulesFrom,
          "previous tag": result.previousTag ?? "none",
          history: result.history,
          "next beta": v ? nextBeta(v) : void 0
        }),
        ""
      ].join("\n")
    );
    if (!result.ok) {
      info(`${failed} check(s) failed; see the annotations above.`);
      process.exitCode = 1;
    }
  });
}
function stableRequirement(setting, ctx, releaseBranch) {
  if (setting === "true") return { required: true, reason: "input require-stable" };
  if (setting === "false") return { required: false, reason: "input require-stable is false" };
  if (ctx.tag) return { required: true, reason: `tag push ${ctx.tag}` };
  if (ctx.pullRequest && ctx.pullRequest.baseRef === releaseBranch) {
    return { required: true, reason: `pull request #${ctx.pullRequest.number} into ${releaseBranch}` };
  }
  return { required: false, reason: "not a tag push nor a pull request into the release branch" };
}
function versionFromPullRequest(ctx, rules, template) {
  if (rules.some((r) => r.role === "version") || !ctx.pullRequest) return void 0;
  const [before, after] = template.split("{version}");
  const title = ctx.pullRequest.title.trim();
  if (!title.startsWith(before) || !title.endsWith(after) || title.length <= before.length + after.length)
    return void 0;
  return {
    value: title.slice(before.length, title.length - after.length),
    source: `pull request #${ctx.pullRequest.number} title`
  };
}

// actions/verify-version/src/index.ts
await run();
