import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  TEST_PRESETS
} from "./chunks/chunk-54DXG5QK.js";
import {
  checkTag,
  fillTag,
  formatReference,
  parseDuration,
  parsePlatform,
  parseReference,
  parseSize,
  platformSuffix,
  withDigest,
  withTag
} from "./chunks/chunk-PMJ4KCI2.js";
import {
  booleanInput,
  enumInput,
  info,
  input,
  integerInput,
  keyValueInput,
  listInput,
  pathInput,
  preflight,
  readContext,
  requiredInput,
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
import {
  require_fs
} from "./chunks/chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunks/chunk-SSVNKAZ6.js";

// actions/multi-arch-image-build/src/main.ts
var fs = __toESM(require_fs(), 1);
import * as os from "node:os";
import * as path from "node:path";
var STEPS = ["build", "merge", "promote"];
async function run() {
  await runAction("multi-arch-image-build", async () => {
    const ctx = readContext();
    const step = enumInput("step", STEPS);
    const image = parseReference(
      requiredInput("image", "Give the repository, e.g. nwodtuhs/exegol or ghcr.io/owner/exegol."),
      "image",
      { require: "repository" }
    );
    const common = commonInputs(image, ctx);
    const values = templateValues(ctx);
    const builds = input("builds-image") ? parseReference(input("builds-image"), "builds-image", { require: "repository" }) : image;
    const checkFirst = () => preflight();
    if (step === "build") {
      const options = buildInputs(builds, common, values, ctx);
      if (listInput("tags").length) options.finalTags = finalTags(image, values);
      checkFirst();
      const job = await import("./chunks/multi-arch-image-build-65XIDG3Y.js");
      const result = await job.buildStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
      job.failIfNeeded(result);
    } else if (step === "merge") {
      const options = mergeInputs(image, builds, common, values);
      checkFirst();
      const job = await import("./chunks/multi-arch-image-build-65XIDG3Y.js");
      const result = await job.mergeStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
    } else {
      const options = promoteInputs(image, common, values);
      checkFirst();
      const job = await import("./chunks/multi-arch-image-build-65XIDG3Y.js");
      const result = await job.promoteStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
    }
  });
}
function commonInputs(image, ctx) {
  const username = input("registry-username");
  const password = input("registry-password");
  if (password) setSecret(password);
  if (Boolean(username) !== Boolean(password)) {
    throw new InputError(
      username ? "registry-password" : "registry-username",
      "is empty while the other credential is set",
      "Give both registry-username and registry-password, or neither."
    );
  }
  const registry = input("registry") || image.registry;
  if (input("registry")) parseReference(`${registry}/probe`, "registry");
  const delay = parseDuration(input("retry-delay") || "2s", "retry-delay");
  return {
    login: username ? { registry, username, password } : void 0,
    insecure: listInput("insecure-registries"),
    retry: {
      attempts: integerInput("retries", 4, { min: 1, max: 10 }),
      baseDelayMs: delay,
      maxDelayMs: Math.max(delay, 3e4)
    },
    // Under act nothing is written to a registry unless the workflow says so.
    dryRun: booleanInput("dry-run", ctx.act)
  };
}
function templateValues(ctx) {
  return { profile: input("profile"), version: input("version"), sha8: ctx.sha.slice(0, 8) };
}
var VALUE_INPUTS = { profile: "profile", version: "version" };
function archTag(values, platform) {
  return fillTag(
    input("arch-tag") || "{profile}-{version}-{arch}",
    { ...values, arch: platformSuffix(platform) },
    "arch-tag",
    VALUE_INPUTS
  );
}
function finalTags(image, values) {
  const tags = listInput("tags");
  if (tags.length === 0)
    throw new InputError(
      "tags",
      "is empty",
      "Give the final tags to write, e.g. `{profile}` and `{profile}-{version}`, or `nightly`."
    );
  return tags.map((t) => withTag(image, fillTag(t, values, "tags", VALUE_INPUTS)));
}
var BUILD_LABELS = {
  revision: "org.opencontainers.image.revision",
  version: "org.opencontainers.image.version",
  profile: "org.exegol-actions.profile"
};
function buildInputs(image, common, values, ctx) {
  const platform = parsePlatform(
    requiredInput("platform", "Give the one platform this job builds, e.g. linux/amd64 or linux/arm64."),
    "platform"
  );
  const context = pathInput("context", { fallback: ".", mustExist: true, kind: "dir", allowRunnerTemp: true });
  const dockerfile = pathInput("dockerfile", {
    fallback: "Dockerfile",
    mustExist: true,
    kind: "file",
    allowRunnerTemp: true
  });
  const buildArgs = {};
  if (values.profile) buildArgs.TAG = values.profile;
  if (values.version) buildArgs.VERSION = values.version;
  buildArgs.BUILD_DATE = input("build-date") || (/* @__PURE__ */ new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const buildProfile = input("build-profile") || values.profile;
  if (buildProfile) buildArgs.BUILD_PROFILE = buildProfile;
  Object.assign(buildArgs, keyValueInput("build-args"));
  const cacheFrom = listInput("cache-from", { commas: false });
  for (const c of cacheFrom) if (!c.startsWith("type=")) parseReference(c, "cache-from", { require: "tag-or-digest" });
  const cacheTo = input("cache-to");
  if (cacheTo && cacheTo !== "inline" && !cacheTo.startsWith("type="))
    parseReference(cacheTo, "cache-to", { require: "tag-or-digest" });
  const preset = TEST_PRESETS[enumInput("preset", ["exegol-images", "none"], "exegol-images")];
  const shell = input("test-shell") ? input("test-shell").split(/\s+/).filter(Boolean) : preset.shell;
  const testFile = input("test-file") || "/.exegol/unit_tests_all_commands.txt";
  if (!testFile.startsWith("/"))
    throw new InputError(
      "test-file",
      `"${testFile}" is not an absolute path in the image`,
      "Give the path inside the image, e.g. /.exegol/unit_tests_all_commands.txt."
    );
  const tests = booleanInput("tests", true) ? {
    file: testFile,
    shell,
    // The preset's prelude is zsh's (compinit, ~/.zshrc): another test-shell goes without it.
    prelude: input("test-prelude") || (/(^|\/)zsh$/.test(shell[0]) ? preset.prelude : void 0),
    mode: enumInput("test-mode", ["file", "inline"], preset.mode),
    guiFile: input("gui-test-file") || preset.guiFile,
    logDir: path.join(
      process.env.RUNNER_TEMP || os.tmpdir(),
      "multi-arch-image-build",
      `${values.profile || "image"}-${platformSuffix(platform)}-test-logs`
    ),
    timeoutMs: parseDuration(input("test-timeout") || "30s", "test-timeout"),
    concurrency: integerInput("test-concurrency", 5, { min: 1, max: 64 }),
    onMissingFile: enumInput("test-file-missing", ["fail", "skip"], "fail")
  } : null;
  const minFree = parseSize(input("min-free-space") || "10GB", "min-free-space");
  const pruneLabel = input("prune-label");
  if (pruneLabel && !/^[\w.-]+(=.*)?$/.test(pruneLabel))
    throw new InputError("prune-label", `"${pruneLabel}" is not a label filter`, "Write it as key=value or key.");
  const revision = input("revision") || ctx.sha;
  const identity = {};
  if (revision) identity[BUILD_LABELS.revision] = revision;
  if (values.version) identity[BUILD_LABELS.version] = values.version;
  if (values.profile) identity[BUILD_LABELS.profile] = values.profile;
  const labels = { ...identity, ...keyValueInput("labels") };
  const skipExisting = booleanInput("skip-existing", true);
  if (skipExisting && !revision)
    info("No revision (GITHUB_SHA is empty and input revision is not set): the already-built check is off.");
  return {
    ...common,
    skipIfBuilt: skipExisting && revision ? identity : null,
    engine: {
      client: dockerClientInput(),
      builder: enumInput("builder", ["auto", "buildx", "buildkit", "legacy"], "auto")
    },
    platform,
    emulation: enumInput("emulation", ["auto", "qemu", "native"], "auto"),
    image,
    archTag: archTag(values, platform),
    build: {
      context,
      dockerfile,
      buildArgs,
      labels,
      cacheFrom,
      cacheTo: cacheTo || void 0,
      target: input("target") || void 0,
      noCache: booleanInput("no-cache", false)
    },
    tests,
    testFailures: enumInput("test-failures", ["fail", "report"], "fail"),
    push: booleanInput("push", true),
    disk: minFree > 0 ? { minFree, pruneLabel: pruneLabel || void 0 } : null,
    cleanup: booleanInput("cleanup", true)
  };
}
function sourceReference(text, image) {
  if (text.startsWith("sha256:")) return parseReference(formatReference(withDigest(image, text)), "sources");
  if (!/[/:@]/.test(text)) return withTag(image, checkTag(text, "sources"));
  return parseReference(text, "sources", { require: "tag-or-digest" });
}
function mergeInputs(image, builds, common, values) {
  const platforms = listInput("platforms").map((p) => parsePlatform(p, "platforms"));
  let sources = listInput("sources", { commas: false }).map((s) => sourceReference(s, builds));
  if (sources.length === 0) {
    if (platforms.length === 0)
      throw new InputError(
        "sources",
        "is empty, and so is platforms",
        "Give the arch images to merge, or the platforms (the arch tags then follow arch-tag)."
      );
    sources = platforms.map((p) => withTag(builds, archTag(values, p)));
  }
  const hubApi = input("docker-hub-api");
  if (hubApi && !/^https?:\/\/[^\s/]+/.test(hubApi))
    throw new InputError(
      "docker-hub-api",
      `"${hubApi}" is not an http(s) address`,
      "Leave it empty for https://hub.docker.com."
    );
  return {
    ...common,
    sources,
    targets: finalTags(image, values),
    platforms: platforms.length ? platforms : void 0,
    // With a builds repository the arch tags have served their purpose once the list is written.
    deleteSources: booleanInput(
      "delete-intermediate",
      builds.repository !== image.repository || builds.registry !== image.registry
    ),
    hubApiUrl: hubApi || void 0
  };
}
function promoteInputs(image, common, values) {
  const source = parseReference(
    requiredInput("source", "Give the list to copy, e.g. nwodtuhs/exegol-preprod:full."),
    "source",
    { require: "tag-or-digest" }
  );
  const expectedDigest = input("expected-digest") || void 0;
  if (expectedDigest && !/^sha256:[0-9a-f]{64}$/.test(expectedDigest)) {
    throw new InputError(
      "expected-digest",
      `"${expectedDigest}" is not a digest`,
      "Give sha256: followed by 64 lower-case hex digits (the merge step's digest output)."
    );
  }
  return { ...common, source, expectedDigest, targets: finalTags(image, values) };
}
function dockerClientInput() {
  const value = input("docker");
  if (!value) return void 0;
  const runnable = (p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (value.includes("/")) {
    if (!runnable(path.resolve(value))) {
      throw new InputError(
        "docker",
        `${JSON.stringify(value)} is not ${fs.existsSync(value) ? "an executable file" : "there"}`,
        "Give the path of the Docker client (e.g. /usr/bin/docker), or leave docker empty to use the one on PATH."
      );
    }
    return value;
  }
  if (!(process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && runnable(path.join(dir, value)))) {
    throw new InputError(
      "docker",
      `${JSON.stringify(value)} is not a program on PATH`,
      "Give the path of the Docker client (e.g. /usr/bin/docker), or leave docker empty to use the one on PATH."
    );
  }
  return value;
}

// actions/multi-arch-image-build/src/index.ts
await run();
