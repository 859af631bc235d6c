import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  checkCheckout,
  info,
  inputReader,
  keyValueTable,
  maskSecret,
  mdBlock,
  mdCell,
  mdCode,
  mdText,
  preflight,
  readContext,
  runAction,
  setOutputs,
  workspace,
  writeSummary
} from "./chunks/chunk-44VCN7XQ.js";
import "./chunks/chunk-EF3Y6A4G.js";
import {
  InputError
} from "./chunks/chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunks/chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunks/chunk-SSVNKAZ6.js";

// actions/create-release/src/main.ts
var fs = __toESM(require_fs(), 1);

// actions/create-release/src/inputs.generated.ts
var inputs = inputReader({
  version: {},
  "tag-prefix": {},
  commit: {},
  "tag-message": { default: "{version}" },
  identity: { default: "Github Actions <actions@github.com>" },
  "signing-key": {},
  "signing-key-passphrase": {},
  "require-signed-tag": { default: "false" },
  "allowed-signers": {},
  "gpg-public-keys": {},
  name: { default: "{version}" },
  "notes-since": { default: "auto" },
  body: {},
  "body-file": {},
  prerelease: { default: "auto" },
  "make-latest": { default: "auto" },
  "existing-release": { default: "update" },
  assets: {},
  "assets-required": { default: "true" },
  preset: { default: "auto" },
  rules: {},
  "config-file": {},
  "working-directory": { default: "." },
  "github-token": {},
  // ${{ github.token }}: evaluated by the runner
  "dry-run": {},
  "network-timeout": { default: "60" }
});

// actions/create-release/src/main.ts
async function run() {
  await runAction("create-release", async () => {
    const ctx = readContext();
    const token = inputs.text("github-token");
    const signingKey = inputs.text("signing-key");
    const passphrase = inputs.text("signing-key-passphrase");
    for (const secret of [token, signingKey, passphrase]) maskSecret(secret);
    const root = inputs.path("working-directory", { mustExist: true, kind: "dir" });
    const tagPrefix = inputs.text("tag-prefix");
    const prerelease = inputs.choice("prerelease", ["auto", "true", "false"]);
    const makeLatest = inputs.choice("make-latest", ["auto", "true", "false"]);
    const existing = inputs.choice("existing-release", ["update", "keep"]);
    const requireSigned = inputs.boolean("require-signed-tag");
    const assetsRequired = inputs.boolean("assets-required");
    const dryRun = inputs.booleanOr("dry-run", ctx.act);
    const notesSinceText = inputs.text("notes-since");
    const notesSince = ["auto", "stable", "any"].includes(notesSinceText) ? notesSinceText : { tag: notesSinceText };
    const nameTemplate = inputs.text("name");
    const messageTemplate = inputs.text("tag-message");
    const identityText = inputs.text("identity");
    const assetGlobs = inputs.list("assets");
    let extraBody = inputs.text("body");
    if (inputs.text("body-file")) {
      const file = inputs.path("body-file", { mustExist: true, base: root, kind: "file", allowRunnerTemp: true });
      extraBody = [extraBody, fs.readFileSync(file, "utf8")].filter((s) => s.trim()).join("\n\n");
    }
    if (passphrase && !signingKey)
      throw new InputError(
        "signing-key-passphrase",
        "is set but signing-key is empty",
        "Pass the key too, or drop the passphrase."
      );
    if (!token && !dryRun)
      throw new InputError(
        "github-token",
        "is empty",
        "Pass a token with contents: write (the default ${{ github.token }} works with `permissions: { contents: write }`)."
      );
    if (!ctx.repository && !dryRun)
      throw new InputError(
        "github-token",
        "has no repository to act on (GITHUB_REPOSITORY is empty)",
        "Run the action in a GitHub Actions job."
      );
    checkCheckout(root);
    const { parseVersion, parseVersionTag, hasLeadingZeros, VersionError } = await import("./chunks/version-PMHZCHNQ.js");
    const { Git, authConfig, parseIdentity } = await import("./chunks/git-BEXECE4G.js");
    const tagger = parseIdentity(identityText);
    if (!tagger)
      throw new InputError(
        "identity",
        `${JSON.stringify(identityText)} is not "Name <email>"`,
        'Write it like "Github Actions <actions@github.com>".'
      );
    let version;
    let versionSource;
    const explicit = inputs.text("version");
    if (explicit) {
      const raw = explicit.startsWith(tagPrefix) && tagPrefix ? explicit.slice(tagPrefix.length) : explicit;
      try {
        version = parseVersion(raw);
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(
          "version",
          e.message,
          "Give the version to release, like 4.3.5 (the tag is tag-prefix + version)."
        );
      }
      versionSource = 'input "version"';
    } else if (ctx.tag) {
      const fromTag = parseVersionTag(ctx.tag, tagPrefix);
      if (!fromTag) {
        throw new InputError(
          "version",
          `is empty and the pushed tag "${ctx.tag}" is not a version${tagPrefix ? ` with prefix "${tagPrefix}"` : ""}`,
          "Push a tag like 4.3.5, set tag-prefix, or give the version."
        );
      }
      version = fromTag;
      versionSource = `the pushed tag ${ctx.tag}`;
    } else {
      ({ version, versionSource } = await versionFromFiles(root));
    }
    if (hasLeadingZeros(version.raw)) {
      throw new InputError(
        "version",
        `${version.raw} (${versionSource}) has a number with a leading zero`,
        `Write it as PEP 440 reads it: ${version.normalized}.`
      );
    }
    if (versionSource !== `the pushed tag ${ctx.tag}` && version.raw !== version.normalized)
      version = parseVersion(version.normalized, version.scheme);
    const git = await Git.open(root, token ? authConfig({ token, serverUrl: ctx.serverUrl }) : {});
    const commitInput = inputs.text("commit");
    const commitRev = commitInput || (ctx.sha && await git.revParse(ctx.sha) ? ctx.sha : "HEAD");
    const commit = await git.revParse(commitRev);
    if (!commit)
      throw new InputError(
        "commit",
        `"${commitRev}" is not a commit of the checkout at ${root}`,
        "Give a commit SHA or ref that is checked out (actions/checkout with the ref to release)."
      );
    const fill = (t) => t.replaceAll("{version}", version.raw).replaceAll("{tag}", `${tagPrefix}${version.raw}`);
    const { createRelease } = await import("./chunks/create-release-6DP3SHWH.js");
    preflight({ writes: [{ input: "working-directory", dir: root, what: "the tag (and fetched history)" }] });
    const result = await createRelease({
      git,
      workspace: workspace(),
      version,
      tagPrefix,
      commit,
      tagMessage: fill(messageTemplate),
      tagger,
      signingKey,
      signingKeyPassphrase: passphrase,
      requireSigned,
      trust: { allowedSigners: inputs.text("allowed-signers"), gpgPublicKeys: inputs.text("gpg-public-keys") },
      name: fill(nameTemplate),
      notesSince,
      extraBody,
      prerelease: prerelease === "auto" ? version.isPrerelease : prerelease === "true",
      makeLatest: makeLatest === "auto" ? "auto" : makeLatest === "true",
      existing,
      assetGlobs,
      assetsRequired,
      dryRun,
      github: token && ctx.repository ? { token, repository: ctx.repository, apiUrl: ctx.apiUrl } : null
    });
    const r = result.release;
    setOutputs({
      version: version.raw,
      tag: result.tagName,
      "tag-created": result.tag.created,
      "previous-tag": result.previousTag ?? "",
      "release-id": r?.id || "",
      "release-url": r?.url ?? "",
      "upload-url": r?.uploadUrl ?? "",
      prerelease: r?.prerelease ?? (prerelease === "auto" ? version.isPrerelease : prerelease === "true"),
      latest: r?.latest ?? false,
      operation: r?.operation ?? (result.tag.created ? "created" : "unchanged"),
      assets: JSON.stringify(
        (r?.assets ?? result.assets.map((a) => ({ name: a.name, action: "uploaded", url: "" }))).map((a) => ({
          name: a.name,
          action: a.action,
          url: a.url
        }))
      )
    });
    for (const n of result.notes) info(n);
    await writeSummary(
      [
        `### create-release: ${r?.operation ?? "tag only"} ${mdText(result.tagName)}${dryRun ? " (dry-run)" : ""}`,
        "",
        keyValueTable({
          version: `${version.raw} (${versionSource})`,
          tag: `${result.tagName} on ${commit.slice(0, 8)}`,
          "tag status": result.tag.note,
          signature: result.tag.verification?.detail ?? result.tag.signature ?? "none",
          "notes since": result.previousTag ?? "GitHub default",
          release: r ? r.url || `"${r.name}" (not created: dry-run)` : void 0,
          name: r?.name,
          prerelease: r?.prerelease,
          latest: r ? `${r.latest}${r.previousLatest ? ` (previous latest ${r.previousLatest})` : ""}` : void 0
        }),
        "",
        ...r?.assets.length ? [
          "| Asset | Action |",
          "| --- | --- |",
          ...r.assets.map((a) => `| ${mdCell(mdCode(a.name))} | ${a.action} |`),
          ""
        ] : [],
        ...[...result.notes, ...r?.notes ?? []].map((n) => `> ${mdText(n)}`),
        "",
        ...r && dryRun ? ["<details><summary>Release body</summary>", "", mdBlock(r.body, "markdown"), "", "</details>", ""] : []
      ].join("\n")
    );
  });
}
async function versionFromFiles(root) {
  const { rulesFromInputs, findRuleValue, detectPreset } = await import("./chunks/files-R4VYAK62.js");
  const { ActionError } = await import("./chunks/action-3QQDQOKH.js");
  const { parseVersion, VersionError } = await import("./chunks/version-PMHZCHNQ.js");
  const missing = new InputError(
    "version",
    "is empty, the run is not for a tag, and no version file was found",
    "Give the version (for the images: the release PR title's, e.g. verify-version's output)."
  );
  if (!inputs.text("rules") && !inputs.text("config-file") && inputs.text("preset") === "auto" && !detectPreset(root))
    throw missing;
  const { rules, rulesInput } = await rulesFromInputs(root);
  for (const rule of rules.filter((r) => r.role === "version")) {
    let m;
    try {
      m = findRuleValue(root, rule, rulesInput);
    } catch (e) {
      if (!(e instanceof ActionError) || e instanceof InputError) throw e;
      throw new InputError(
        rulesInput,
        e.message.replace(/\.$/, ""),
        "Fix the rule, or give the version input.",
        e.location
      );
    }
    if (!m) continue;
    try {
      return { version: parseVersion(m.value), versionSource: `${rule.name} (${m.value})` };
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      throw new InputError(
        rulesInput,
        `${rule.name} holds ${e.message}`,
        "Fix the version file, or give the version input.",
        { file: m.file, line: m.line, column: m.column }
      );
    }
  }
  throw missing;
}

// actions/create-release/src/index.ts
await run();
