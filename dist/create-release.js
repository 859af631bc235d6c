import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  booleanInput,
  enumInput,
  info,
  input,
  keyValueTable,
  listInput,
  mdBlock,
  mdCell,
  mdCode,
  mdText,
  pathInput,
  preflight,
  readContext,
  runAction,
  setOutputs,
  workspace,
  writeSummary
} from "./chunks/chunk-6EBB3KKC.js";
import {
  setSecret
} from "./chunks/chunk-EF3Y6A4G.js";
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
async function run() {
  await runAction("create-release", async () => {
    const ctx = readContext();
    const token = input("github-token");
    const signingKey = input("signing-key");
    const passphrase = input("signing-key-passphrase");
    maskSecrets(token, signingKey, passphrase);
    const root = pathInput("working-directory", { fallback: ".", mustExist: true, kind: "dir" });
    const tagPrefix = input("tag-prefix");
    const prerelease = enumInput("prerelease", ["auto", "true", "false"], "auto");
    const makeLatest = enumInput("make-latest", ["auto", "true", "false"], "auto");
    const existing = enumInput("existing-release", ["update", "keep"], "update");
    const requireSigned = booleanInput("require-signed-tag", false);
    const assetsRequired = booleanInput("assets-required", true);
    const dryRun = booleanInput("dry-run", ctx.act);
    const notesSinceText = input("notes-since") || "auto";
    const notesSince = ["auto", "stable", "any"].includes(notesSinceText) ? notesSinceText : { tag: notesSinceText };
    const nameTemplate = input("name") || "{version}";
    const messageTemplate = input("tag-message") || "{version}";
    const identityText = input("identity") || "Github Actions <actions@github.com>";
    const assetGlobs = listInput("assets");
    let extraBody = input("body");
    if (input("body-file")) {
      const file = pathInput("body-file", { mustExist: true, base: root, kind: "file", allowRunnerTemp: true });
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
    const explicit = input("version");
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
    const commitInput = input("commit");
    const commitRev = commitInput || (ctx.sha && await git.revParse(ctx.sha) ? ctx.sha : "HEAD");
    const commit = await git.revParse(commitRev);
    if (!commit)
      throw new InputError(
        "commit",
        `"${commitRev}" is not a commit of the checkout at ${root}`,
        "Give a commit SHA or ref that is checked out (actions/checkout with the ref to release)."
      );
    const fill = (t) => t.replaceAll("{version}", version.raw).replaceAll("{tag}", `${tagPrefix}${version.raw}`);
    const { createRelease } = await import("./chunks/create-release-5ETIICFC.js");
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
      trust: { allowedSigners: input("allowed-signers"), gpgPublicKeys: input("gpg-public-keys") },
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
function maskSecrets(...secrets) {
  for (const secret of secrets.filter(Boolean)) {
    setSecret(secret);
    for (const line of secret.split("\n").map((l) => l.trim()))
      if (line.length >= 8 && !line.startsWith("-----")) setSecret(line);
  }
}
async function versionFromFiles(root) {
  const { rulesFromInputs, findRuleValue, detectPreset } = await import("./chunks/files-5ETHK4Y5.js");
  const { ActionError } = await import("./chunks/action-QGY3F33R.js");
  const { parseVersion, VersionError } = await import("./chunks/version-PMHZCHNQ.js");
  const missing = new InputError(
    "version",
    "is empty, the run is not for a tag, and no version file was found",
    "Give the version (for the images: the release PR title's, e.g. verify-version's output)."
  );
  if (!input("rules") && !input("config-file") && ["", "auto"].includes(input("preset")) && !detectPreset(root))
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
