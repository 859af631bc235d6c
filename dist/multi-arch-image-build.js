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
  info,
  inputReader,
  maskSecret,
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

// actions/multi-arch-image-build/src/inputs.generated.ts
var inputs = inputReader({
  step: { required: true },
  image: { required: true },
  "builds-image": {},
  profile: {},
  version: {},
  "build-profile": {},
  "arch-tag": { default: "{profile}-{version}-{arch}" },
  tags: {},
  platform: {},
  platforms: {},
  emulation: { default: "auto" },
  dockerfile: { default: "Dockerfile" },
  context: { default: "." },
  target: {},
  "build-args": {},
  "build-date": {},
  labels: {},
  "cache-from": {},
  "cache-to": {},
  "no-cache": { default: "false" },
  builder: { default: "auto" },
  docker: {},
  tests: { default: "true" },
  "test-file": { default: "/.exegol/unit_tests_all_commands.txt" },
  "test-file-missing": { default: "fail" },
  preset: { default: "exegol-images" },
  "test-shell": {},
  "test-prelude": {},
  "test-mode": {},
  "gui-test-file": {},
  "test-timeout": { default: "30s" },
  "test-concurrency": { default: "5" },
  "test-failures": { default: "fail" },
  push: { default: "true" },
  "skip-existing": { default: "true" },
  revision: {},
  sources: {},
  "delete-intermediate": {},
  "docker-hub-api": {},
  source: {},
  "expected-digest": {},
  "min-free-space": { default: "10GB" },
  "prune-label": { default: "org.exegol.app=Exegol" },
  cleanup: { default: "true" },
  registry: {},
  "registry-username": {},
  "registry-password": {},
  "insecure-registries": {},
  retries: { default: "4" },
  "retry-delay": { default: "2s" },
  "dry-run": {},
  "network-timeout": { default: "60" }
});

// actions/multi-arch-image-build/src/main.ts
var STEPS = ["build", "merge", "promote"];
async function run() {
  await runAction("multi-arch-image-build", async () => {
    const ctx = readContext();
    const step = inputs.choice("step", STEPS);
    const image = parseReference(
      inputs.required("image", "Give the repository, e.g. nwodtuhs/exegol or ghcr.io/owner/exegol."),
      "image",
      { require: "repository" }
    );
    const common = commonInputs(image, ctx);
    const values = templateValues(ctx);
    const builds = inputs.text("builds-image") ? parseReference(inputs.text("builds-image"), "builds-image", { require: "repository" }) : image;
    const checkFirst = () => preflight();
    if (step === "build") {
      const options = buildInputs(builds, common, values, ctx);
      if (inputs.list("tags").length) options.finalTags = finalTags(image, values);
      checkFirst();
      const job = await import("./chunks/multi-arch-image-build-L4FDPYBM.js");
      const result = await job.buildStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
      job.failIfNeeded(result);
    } else if (step === "merge") {
      const options = mergeInputs(image, builds, common, values);
      checkFirst();
      const job = await import("./chunks/multi-arch-image-build-L4FDPYBM.js");
      const result = await job.mergeStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
    } else {
      const options = promoteInputs(image, common, values);
      checkFirst();
      const job = await import("./chunks/multi-arch-image-build-L4FDPYBM.js");
      const result = await job.promoteStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
    }
  });
}
function commonInputs(image, ctx) {
  const username = inputs.text("registry-username");
  const password = inputs.text("registry-password");
  maskSecret(password);
  if (Boolean(username) !== Boolean(password)) {
    throw new InputError(
      username ? "registry-password" : "registry-username",
      "is empty while the other credential is set",
      "Give both registry-username and registry-password, or neither."
    );
  }
  const registry = inputs.text("registry") || image.registry;
  if (inputs.text("registry")) parseReference(`${registry}/probe`, "registry");
  const delay = parseDuration(inputs.text("retry-delay"), "retry-delay");
  return {
    login: username ? { registry, username, password } : void 0,
    insecure: inputs.list("insecure-registries"),
    retry: {
      attempts: inputs.integer("retries", { min: 1, max: 10 }),
      baseDelayMs: delay,
      maxDelayMs: Math.max(delay, 3e4)
    },
    // Under act nothing is written to a registry unless the workflow says so.
    dryRun: inputs.booleanOr("dry-run", ctx.act)
  };
}
function templateValues(ctx) {
  return { profile: inputs.text("profile"), version: inputs.text("version"), sha8: ctx.sha.slice(0, 8) };
}
var VALUE_INPUTS = { profile: "profile", version: "version" };
function archTag(values, platform) {
  return fillTag(inputs.text("arch-tag"), { ...values, arch: platformSuffix(platform) }, "arch-tag", VALUE_INPUTS);
}
function finalTags(image, values) {
  const tags = inputs.list("tags");
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
    inputs.required("platform", "Give the one platform this job builds, e.g. linux/amd64 or linux/arm64."),
    "platform"
  );
  const context = inputs.path("context", { mustExist: true, kind: "dir", allowRunnerTemp: true });
  const dockerfile = inputs.path("dockerfile", {
    mustExist: true,
    kind: "file",
    allowRunnerTemp: true
  });
  const buildArgs = {};
  if (values.profile) buildArgs.TAG = values.profile;
  if (values.version) buildArgs.VERSION = values.version;
  buildArgs.BUILD_DATE = inputs.text("build-date") || (/* @__PURE__ */ new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const buildProfile = inputs.text("build-profile") || values.profile;
  if (buildProfile) buildArgs.BUILD_PROFILE = buildProfile;
  Object.assign(buildArgs, inputs.keyValue("build-args"));
  const cacheFrom = inputs.list("cache-from", { commas: false });
  for (const c of cacheFrom) if (!c.startsWith("type=")) parseReference(c, "cache-from", { require: "tag-or-digest" });
  const cacheTo = inputs.text("cache-to");
  if (cacheTo && cacheTo !== "inline" && !cacheTo.startsWith("type="))
    parseReference(cacheTo, "cache-to", { require: "tag-or-digest" });
  const preset = TEST_PRESETS[inputs.choice("preset", ["exegol-images", "none"])];
  const shell = inputs.text("test-shell") ? inputs.text("test-shell").split(/\s+/).filter(Boolean) : preset.shell;
  const testFile = inputs.text("test-file");
  if (!testFile.startsWith("/"))
    throw new InputError(
      "test-file",
      `"${testFile}" is not an absolute path in the image`,
      "Give the path inside the image, e.g. /.exegol/unit_tests_all_commands.txt."
    );
  const tests = inputs.boolean("tests") ? {
    file: testFile,
    shell,
    // The preset's prelude is zsh's (compinit, ~/.zshrc): another test-shell goes without it.
    prelude: inputs.text("test-prelude") || (/(^|\/)zsh$/.test(shell[0]) ? preset.prelude : void 0),
    mode: inputs.choiceOr("test-mode", ["file", "inline"], preset.mode),
    guiFile: inputs.text("gui-test-file") || preset.guiFile,
    logDir: path.join(
      process.env.RUNNER_TEMP || os.tmpdir(),
      "multi-arch-image-build",
      `${values.profile || "image"}-${platformSuffix(platform)}-test-logs`
    ),
    timeoutMs: parseDuration(inputs.text("test-timeout"), "test-timeout"),
    concurrency: inputs.integer("test-concurrency", { min: 1, max: 64 }),
    onMissingFile: inputs.choice("test-file-missing", ["fail", "skip"])
  } : null;
  const minFree = parseSize(inputs.text("min-free-space"), "min-free-space");
  const pruneLabel = inputs.textAsGiven("prune-label");
  if (pruneLabel && !/^[\w.-]+(=.*)?$/.test(pruneLabel))
    throw new InputError("prune-label", `"${pruneLabel}" is not a label filter`, "Write it as key=value or key.");
  const revision = inputs.text("revision") || ctx.sha;
  const identity = {};
  if (revision) identity[BUILD_LABELS.revision] = revision;
  if (values.version) identity[BUILD_LABELS.version] = values.version;
  if (values.profile) identity[BUILD_LABELS.profile] = values.profile;
  const labels = { ...identity, ...inputs.keyValue("labels") };
  const skipExisting = inputs.boolean("skip-existing");
  if (skipExisting && !revision)
    info("No revision (GITHUB_SHA is empty and input revision is not set): the already-built check is off.");
  return {
    ...common,
    skipIfBuilt: skipExisting && revision ? identity : null,
    engine: {
      client: dockerClientInput(),
      builder: inputs.choice("builder", ["auto", "buildx", "buildkit", "legacy"])
    },
    platform,
    emulation: inputs.choice("emulation", ["auto", "qemu", "native"]),
    image,
    archTag: archTag(values, platform),
    build: {
      context,
      dockerfile,
      buildArgs,
      labels,
      cacheFrom,
      cacheTo: cacheTo || void 0,
      target: inputs.text("target") || void 0,
      noCache: inputs.boolean("no-cache")
    },
    tests,
    testFailures: inputs.choice("test-failures", ["fail", "report"]),
    push: inputs.boolean("push"),
    disk: minFree > 0 ? { minFree, pruneLabel: pruneLabel || void 0 } : null,
    cleanup: inputs.boolean("cleanup")
  };
}
function sourceReference(text, image) {
  if (text.startsWith("sha256:")) return parseReference(formatReference(withDigest(image, text)), "sources");
  if (!/[/:@]/.test(text)) return withTag(image, checkTag(text, "sources"));
  return parseReference(text, "sources", { require: "tag-or-digest" });
}
function mergeInputs(image, builds, common, values) {
  const platforms = inputs.list("platforms").map((p) => parsePlatform(p, "platforms"));
  let sources = inputs.list("sources", { commas: false }).map((s) => sourceReference(s, builds));
  if (sources.length === 0) {
    if (platforms.length === 0)
      throw new InputError(
        "sources",
        "is empty, and so is platforms",
        "Give the arch images to merge, or the platforms (the arch tags then follow arch-tag)."
      );
    sources = platforms.map((p) => withTag(builds, archTag(values, p)));
  }
  const hubApi = inputs.text("docker-hub-api");
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
    deleteSources: inputs.booleanOr(
      "delete-intermediate",
      builds.repository !== image.repository || builds.registry !== image.registry
    ),
    hubApiUrl: hubApi || void 0
  };
}
function promoteInputs(image, common, values) {
  const source = parseReference(
    inputs.required("source", "Give the list to copy, e.g. nwodtuhs/exegol-preprod:full."),
    "source",
    { require: "tag-or-digest" }
  );
  const expectedDigest = inputs.text("expected-digest") || void 0;
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
  const value = inputs.text("docker");
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
