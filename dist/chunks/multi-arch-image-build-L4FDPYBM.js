import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  CommandError,
  run
} from "./chunk-2VELUGMP.js";
import "./chunk-54DXG5QK.js";
import {
  DOCKER_HUB,
  formatBytes,
  formatReference,
  isLoopbackRegistry,
  parseSize,
  platformKey,
  platformMachine,
  platformOfMachine,
  platformString,
  platformSuffix,
  withDigest,
  withTag
} from "./chunk-PMJ4KCI2.js";
import {
  debug,
  group,
  info,
  keyValueTable,
  maskSecret,
  notice,
  warning
} from "./chunk-44VCN7XQ.js";
import "./chunk-EF3Y6A4G.js";
import {
  ActionError,
  NetworkError,
  describeDockerLimit,
  dockerIdleMs,
  limitedFetch,
  stallAdvice
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/docker/build.ts
var fs = __toESM(require_fs(), 1);
import * as os from "node:os";
import * as path from "node:path";
function cacheSpec(ref, extra = "") {
  return ref.startsWith("type=") ? ref : `type=registry,ref=${ref}${extra}`;
}
function cacheRef(spec) {
  if (!spec.startsWith("type=")) return spec;
  if (!spec.startsWith("type=registry")) return void 0;
  return /(?:^|,)ref=([^,]+)/.exec(spec)?.[1];
}
function buildCommand(engine, o, iidFile) {
  const notes = [];
  const args = engine.builder === "buildx" ? ["buildx", "build", "--load"] : ["build"];
  args.push("--platform", platformString(o.platform));
  if (engine.builder !== "legacy") args.push("--progress", "plain");
  args.push("--file", o.dockerfile, "--iidfile", iidFile);
  for (const t of o.tags) args.push("--tag", t);
  const buildArgs = { ...o.buildArgs };
  for (const [k, v] of Object.entries(o.labels)) args.push("--label", `${k}=${v}`);
  if (o.target) args.push("--target", o.target);
  if (o.noCache) args.push("--no-cache");
  for (const from of o.cacheFrom) {
    if (engine.builder === "buildx") args.push("--cache-from", cacheSpec(from));
    else {
      const ref = cacheRef(from);
      if (ref) args.push("--cache-from", ref);
      else notes.push(`cache source "${from}" needs buildx; ignored by the ${engine.builder} builder`);
    }
  }
  if (o.cacheTo) {
    const registryCacheWorks = engine.builder === "buildx" && engine.buildxDriver !== void 0 && engine.buildxDriver !== "docker";
    if (o.cacheTo === "inline" || !registryCacheWorks) {
      if (o.cacheTo !== "inline") {
        notes.push(
          engine.builder === "buildx" ? `the buildx driver "${engine.buildxDriver ?? "unknown"}" cannot export a registry cache: the cache goes inline, into the pushed image` : `the ${engine.builder} builder cannot export a registry cache: the cache goes inline, into the pushed image`
        );
      }
      if (engine.builder === "legacy")
        notes.push("the legacy builder cannot write cache metadata; only --cache-from is used");
      else if (engine.builder === "buildx") args.push("--cache-to", "type=inline");
      else buildArgs.BUILDKIT_INLINE_CACHE = "1";
    } else {
      args.push("--cache-to", cacheSpec(o.cacheTo, ",mode=max"));
    }
  }
  for (const [k, v] of Object.entries(buildArgs)) args.push("--build-arg", `${k}=${v}`);
  args.push(o.context);
  return { args, env: engine.builder === "legacy" ? { DOCKER_BUILDKIT: "0" } : { DOCKER_BUILDKIT: "1" }, notes };
}
function countCachedSteps(log) {
  const lines = log.split("\n");
  const vertices = /* @__PURE__ */ new Map();
  const cached = /* @__PURE__ */ new Set();
  for (const line of lines) {
    const step = /^#(\d+) \[(?:[^\]]* )?\d+\/\d+\] (\S+)/.exec(line);
    if (step) {
      if (step[2] !== "FROM" && !vertices.has(step[1])) vertices.set(step[1], true);
      continue;
    }
    const hit = /^#(\d+) CACHED\b/.exec(line);
    if (hit) cached.add(hit[1]);
  }
  if (vertices.size > 0) {
    return { steps: vertices.size, cachedSteps: [...vertices.keys()].filter((v) => cached.has(v)).length };
  }
  let steps = 0;
  let cachedSteps = 0;
  let current;
  for (const line of lines) {
    const legacy = /^Step \d+\/\d+ : (\S+)/.exec(line);
    if (legacy) {
      current = legacy[1].toUpperCase();
      if (current !== "FROM" && current !== "ARG") steps++;
    } else if (/^ ---> Using cache/.test(line) && current !== "FROM" && current !== "ARG") cachedSteps++;
  }
  return { steps, cachedSteps };
}
async function buildImage(docker, o) {
  if (!fs.existsSync(o.dockerfile))
    throw new ActionError(
      `Input "dockerfile": ${o.dockerfile} does not exist. Check the path (relative to the workspace).`,
      { input: "dockerfile" }
    );
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "exegol-build-"));
  const iidFile = path.join(temp, "iid");
  const command = buildCommand(docker.info, o, iidFile);
  for (const n of command.notes) warning(n, { title: "multi-arch-image-build" });
  info(`$ ${docker.client} ${command.args.join(" ")}`);
  const started = performance.now();
  try {
    const res = await docker.run(command.args, {
      env: command.env,
      onLine: (line) => info(line)
    }).catch((e) => {
      if (e instanceof CommandError) {
        throw new ActionError(
          `The ${platformString(o.platform)} build failed (exit ${e.result.code}); the build log is above. Last lines:
${(e.result.stderr || e.result.stdout).trim().split("\n").slice(-15).join("\n")}`
        );
      }
      throw e;
    });
    const durationMs = performance.now() - started;
    const imageId = fs.readFileSync(iidFile, "utf8").trim();
    const { steps, cachedSteps } = countCachedSteps(`${res.stdout}
${res.stderr}`);
    const size = Number((await docker.run(["image", "inspect", "--format", "{{.Size}}", imageId])).stdout.trim()) || 0;
    return { imageId, steps, cachedSteps, durationMs, size, command };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

// packages/core/src/docker/disk.ts
var fs2 = __toESM(require_fs(), 1);
var DiskSpaceError = class extends ActionError {
  constructor(report, message) {
    super(message, { input: "min-free-space" });
    this.report = report;
    this.name = "DiskSpaceError";
  }
  report;
};
function freeBytes(dir) {
  try {
    const s = fs2.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return void 0;
  }
}
function reclaimedBytes(output) {
  const m = /Total reclaimed space:\s*([\d.]+\s*[a-zA-Z]*)/.exec(output);
  if (!m) return 0;
  try {
    return parseSize(m[1], "reclaimed");
  } catch {
    return 0;
  }
}
function pruneSteps(label) {
  const steps = [{ name: "dangling images", command: ["image", "prune", "--force"] }];
  if (label)
    steps.push({
      name: `unused images labelled ${label}`,
      command: ["image", "prune", "--all", "--force", "--filter", `label=${label}`]
    });
  steps.push({ name: "build cache", command: ["builder", "prune", "--all", "--force"] });
  return steps;
}
async function guardDisk(docker, o) {
  const dir = o.path ?? docker.info.rootDir;
  const required = o.minFree;
  const freeBefore = docker.info.remote ? void 0 : freeBytes(dir);
  if (freeBefore === void 0) {
    const note = `cannot see ${dir || "the data root"} from here (remote engine or no access): not checked`;
    warning(`Disk guard: ${note}.`, { title: "multi-arch-image-build" });
    return { path: dir, required, pruned: [], ok: true, note };
  }
  info(`${formatBytes(freeBefore)} free on ${dir}; ${formatBytes(required)} required`);
  if (freeBefore >= required)
    return { path: dir, required, freeBefore, freeAfter: freeBefore, pruned: [], ok: true, note: "enough space" };
  if (o.dryRun) {
    const plan = pruneSteps(o.pruneLabel).map((s) => s.name).join(", then ");
    info(`would prune ${plan}`);
    return {
      path: dir,
      required,
      freeBefore,
      freeAfter: freeBefore,
      pruned: [],
      ok: false,
      note: `short by ${formatBytes(required - freeBefore)}; would prune ${plan}`
    };
  }
  const pruned = [];
  let free = freeBefore;
  for (const step of pruneSteps(o.pruneLabel)) {
    const res = await docker.run(step.command, { allowFailure: true });
    if (res.code !== 0)
      warning(`docker ${step.command.join(" ")} failed: ${res.stderr.trim()}`, { title: "multi-arch-image-build" });
    const now = freeBytes(dir) ?? free;
    pruned.push({
      name: step.name,
      command: step.command,
      reclaimed: reclaimedBytes(res.stdout),
      gained: Math.max(0, now - free)
    });
    info(
      `pruned ${step.name}: Docker reports ${formatBytes(reclaimedBytes(res.stdout))} reclaimed, ${formatBytes(Math.max(0, now - free))} gained on disk`
    );
    free = now;
    if (free >= required) break;
  }
  const ok = free >= required;
  const report = {
    path: dir,
    required,
    freeBefore,
    freeAfter: free,
    pruned,
    ok,
    note: ok ? `freed ${formatBytes(free - freeBefore)} by pruning ${pruned.map((p) => p.name).join(", ")}` : `still short by ${formatBytes(required - free)}`
  };
  if (!ok) {
    throw new DiskSpaceError(
      report,
      `Not enough disk space on ${dir}: ${formatBytes(free)} free after pruning ${pruned.map((p) => p.name).join(", ")} (${formatBytes(free - freeBefore)} freed), ${formatBytes(required)} required by input "min-free-space". Free space on the runner (other images, tool caches) or use a larger runner; lower min-free-space only if the build really needs less.`
    );
  }
  return report;
}

// packages/core/src/docker/engine.ts
var fs3 = __toESM(require_fs(), 1);
import * as path2 from "node:path";
var Docker = class {
  constructor(info2) {
    this.info = info2;
  }
  info;
  get client() {
    return this.info.client;
  }
  run(args, options = {}) {
    return run(this.info.client, args, options);
  }
  /** Environment for `docker build`: which builder the client must use. */
  buildEnv() {
    return this.info.builder === "legacy" ? { DOCKER_BUILDKIT: "0" } : { DOCKER_BUILDKIT: "1" };
  }
};
function onPath(name) {
  return (process.env.PATH ?? "").split(path2.delimiter).filter(Boolean).map((dir) => path2.join(dir, name)).filter((p) => {
    try {
      fs3.accessSync(p, fs3.constants.X_OK);
      return fs3.statSync(p).isFile();
    } catch {
      return false;
    }
  });
}
var CLIENT_FALLBACKS = ["/usr/bin/docker", "/usr/local/bin/docker"];
function clientCandidates(explicit, fallbacks = CLIENT_FALLBACKS) {
  if (explicit) return [explicit];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const p of [...onPath("docker"), ...fallbacks]) {
    if (!fs3.existsSync(p)) continue;
    const real = fs3.realpathSync(p);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(p);
  }
  return out;
}
async function probe(client) {
  const v = await run(client, ["version", "--format", "{{.Client.Version}}"], {
    allowFailure: true,
    timeoutMs: 2e4
  }).catch((e) => ({
    code: 127,
    stdout: "",
    stderr: e.message
  }));
  const version = v.stdout.trim().split("\n")[0] ?? "";
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);
  if (!version || Number.isNaN(major))
    return {
      path: client,
      version,
      major: NaN,
      problem: `does not say its version: ${(v.stderr || v.stdout).trim().split("\n")[0]}`
    };
  const bx = await run(client, ["buildx", "version"], { allowFailure: true, timeoutMs: 2e4 });
  const buildx = bx.code === 0 ? /v?\d+\.\d+\.\d+\S*/.exec(bx.stdout)?.[0] ?? bx.stdout.trim() : void 0;
  return { path: client, version, major, buildx };
}
function chooseBuilder(candidates, wanted) {
  const usable = candidates.filter((c) => !c.problem);
  const withBuildx = usable.find((c) => c.buildx);
  const speaksBuildkit = usable.find((c) => c.major < 23);
  if (wanted === "buildx" || wanted === "auto" && withBuildx) {
    if (withBuildx) return { client: withBuildx, builder: "buildx" };
    return { problem: "no Docker client here has the buildx plugin" };
  }
  if (wanted === "buildkit" || wanted === "auto" && speaksBuildkit) {
    if (speaksBuildkit) return { client: speaksBuildkit, builder: "buildkit" };
    if (withBuildx) return { client: withBuildx, builder: "buildx" };
    return {
      problem: "no Docker client here can build with BuildKit (buildx is missing and every client is version 23 or later, which needs buildx for BuildKit)"
    };
  }
  if (usable[0]) return { client: usable[0], builder: "legacy" };
  return { problem: "no usable Docker client" };
}
function readDockerInfo(stdout) {
  try {
    return JSON.parse(stdout.trim() || "{}");
  } catch {
    return {};
  }
}
function isRemote() {
  const host = process.env.DOCKER_HOST ?? "";
  return host !== "" && !host.startsWith("unix://");
}
async function detectEngine(options = {}) {
  const paths = clientCandidates(options.client, options.fallbacks);
  if (paths.length === 0) {
    throw new ActionError(
      `No Docker client found (looked on PATH, /usr/bin/docker, /usr/local/bin/docker). Install Docker on the runner, or give the client's path in input "docker".`,
      { input: "docker" }
    );
  }
  const candidates = await Promise.all(paths.map(probe));
  const chosen = chooseBuilder(candidates, options.builder ?? "auto");
  const seen = candidates.map(
    (c) => `${c.path} (${c.problem ? c.problem : `${c.version}${c.buildx ? `, buildx ${c.buildx}` : ", no buildx"}`})`
  ).join("; ");
  if ("problem" in chosen) {
    throw new ActionError(
      `Cannot build here: ${chosen.problem}. Clients found: ${seen}. Install docker buildx (docker/setup-buildx-action), or set input "builder" to legacy.`,
      {
        input: "builder"
      }
    );
  }
  const infoRun = await run(chosen.client.path, ["info", "--format", "{{json .}}"], {
    allowFailure: true,
    timeoutMs: 3e4
  });
  const info2 = readDockerInfo(infoRun.stdout);
  if (infoRun.code !== 0 || !info2.ServerVersion) {
    const why = (infoRun.stderr || infoRun.stdout).trim().split("\n").slice(-3).join(" ");
    throw new ActionError(
      `No Docker engine answers ${chosen.client.path} (${why || "no answer"}). Start the Docker daemon on the runner, or point DOCKER_HOST at one.`
    );
  }
  const architecture = String(info2.Architecture ?? "");
  const native = platformOfMachine(architecture);
  if (!native)
    throw new ActionError(`The Docker engine reports an architecture this action does not know: "${architecture}".`);
  let buildxDriver;
  if (chosen.builder === "buildx") {
    const inspect = await run(chosen.client.path, ["buildx", "inspect"], { allowFailure: true, timeoutMs: 3e4 });
    buildxDriver = /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1];
  }
  return new Docker({
    client: chosen.client.path,
    clientVersion: chosen.client.version,
    builder: chosen.builder,
    buildxVersion: chosen.client.buildx,
    buildxDriver,
    serverVersion: String(info2.ServerVersion),
    architecture,
    native,
    rootDir: String(info2.DockerRootDir ?? ""),
    remote: isRemote(),
    candidates
  });
}
function emulationState(platform, binfmtDir = "/proc/sys/fs/binfmt_misc") {
  if (!fs3.existsSync(path2.join(binfmtDir, "status"))) return "unknown";
  const entry = path2.join(binfmtDir, `qemu-${platformMachine(platform)}`);
  if (!fs3.existsSync(entry)) return "absent";
  return /^enabled$/m.test(fs3.readFileSync(entry, "utf8").split("\n")[0] ?? "") ? "enabled" : "disabled";
}
function planEmulation(engine, platform, mode) {
  const isNative = platformString(engine.native) === platformString(platform);
  if (mode === "native" && !isNative) {
    throw new ActionError(
      `Input "emulation": native was asked, but the engine runs on ${platformString(engine.native)} and the platform is ${platformString(platform)}. Run this job on a ${platformString(platform)} runner, or set emulation to auto or qemu.`,
      { input: "emulation" }
    );
  }
  if (isNative && mode !== "qemu") return { emulated: false, note: `native (${engine.architecture})` };
  if (isNative)
    return {
      emulated: false,
      note: `native (${engine.architecture}); qemu was asked but is not needed for the engine's own platform`
    };
  if (engine.remote) return { emulated: true, note: `QEMU on the remote engine (not checked from here)` };
  const state = emulationState(platform);
  if (state === "absent" || state === "disabled") {
    throw new ActionError(
      `The engine runs on ${platformString(engine.native)} and cannot run ${platformString(platform)} binaries: binfmt_misc has ${state === "absent" ? "no" : "a disabled"} qemu-${platformMachine(platform)} entry. Add docker/setup-qemu-action before this step, or install qemu-user-static and binfmt-support on the runner.`,
      { input: "platform" }
    );
  }
  return {
    emulated: true,
    note: `QEMU (qemu-${platformMachine(platform)} ${state === "enabled" ? "enabled" : "state not visible"})`
  };
}

// packages/core/src/docker/image-tests.ts
var fs4 = __toESM(require_fs(), 1);
import * as crypto from "node:crypto";
import * as path3 from "node:path";
function testCommands(text) {
  const seen = /* @__PURE__ */ new Set();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line && !line.startsWith("#")) seen.add(line);
  }
  return [...seen];
}
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}
function tail(text, max) {
  if (Buffer.byteLength(text) <= max) return text;
  const buf = Buffer.from(text);
  return `[\u2026 ${buf.length - max} bytes cut \u2026]
${buf.subarray(buf.length - max).toString("utf8")}`;
}
var READ_FILE = '[ -f "$1" ] || exit 3; while IFS= read -r l || [ -n "$l" ]; do printf "%s\\n" "$l"; done < "$1"';
var WRITE_FILES = 'p=$1; shift; i=0; for l in "$@"; do i=$((i+1)); printf "%s\\n" "$l" > "$p$i" || exit 1; done';
var GUI_NOTE = "not run: Exegol's runner for them is in its private pipeline tools (the file appeared in September 2025, after the build went private), so how it judged a window that never exits is not known; run them by hand under a display (e.g. xvfb-run) when needed";
function logEntry(r) {
  return `COMMAND: ${r.command}
${r.status === "timed-out" ? `\u2514\u2500\u2500 TIMED OUT after ${(r.durationMs / 1e3).toFixed(1)} s
` : ""}\u2514\u2500\u2500 OUTPUT (exit ${r.exitCode}):
${r.output}${r.output.endsWith("\n") || !r.output ? "" : "\n"}`;
}
function writeLogs(dir, results) {
  fs4.mkdirSync(dir, { recursive: true });
  const logs = {
    failed: path3.join(dir, "failed_commands.log"),
    timedOut: path3.join(dir, "timedout_commands.log"),
    passed: path3.join(dir, "success_commands.log")
  };
  const pick = (s) => results.filter((r) => r.status === s).map(logEntry).join("");
  fs4.writeFileSync(logs.failed, pick("failed"));
  fs4.writeFileSync(logs.timedOut, pick("timed-out"));
  fs4.writeFileSync(logs.passed, pick("passed"));
  return logs;
}
async function testImage(docker, o) {
  const started = performance.now();
  const shellText = o.shell.join(" ");
  const mode = o.mode ?? "file";
  const name = `exegol-image-test-${crypto.randomBytes(4).toString("hex")}`;
  const start = await docker.run(
    [
      "run",
      "--detach",
      "--interactive",
      "--name",
      name,
      "--label",
      "org.exegol-actions.role=image-test",
      "--platform",
      platformString(o.platform),
      "--entrypoint",
      o.shell[0],
      o.image
    ],
    { allowFailure: true }
  );
  try {
    if (start.code !== 0) {
      const why = start.stderr.trim();
      if (/executable file not found|no such file or directory/i.test(why)) {
        throw new ActionError(
          `Input "test-shell": the image has no ${o.shell[0]} (${why.split("\n").pop()}). Set test-shell to a shell the image has (e.g. sh or bash).`,
          { input: "test-shell" }
        );
      }
      throw new ActionError(`Could not start a test container of ${o.image}: ${why}`);
    }
    const read = await docker.run(["exec", name, ...o.shell, "-c", READ_FILE, o.shell[0], o.file], {
      allowFailure: true
    });
    if (read.code === 3) {
      const msg = `the image has no test file ${o.file}`;
      if (o.onMissingFile === "skip") {
        warning(`${msg}: tests skipped (test-file-missing is skip).`, { title: "multi-arch-image-build" });
        return {
          file: o.file,
          shell: shellText,
          mode,
          prelude: o.prelude,
          skipped: msg,
          results: [],
          passed: 0,
          failed: 0,
          timedOut: 0,
          durationMs: performance.now() - started
        };
      }
      throw new ActionError(
        `Input "test-file": ${msg}. Check the path, or set test-file-missing to skip for images without tests.`,
        { input: "test-file" }
      );
    }
    if (read.code !== 0)
      throw new ActionError(
        `Could not read ${o.file} in the image with ${shellText}: ${(read.stderr || read.stdout).trim()}`
      );
    const commands = testCommands(read.stdout);
    if (commands.length === 0)
      warning(`${o.file} holds no test command: nothing was tested.`, { title: "multi-arch-image-build" });
    let gui;
    if (o.guiFile) {
      const g = await docker.run(["exec", name, ...o.shell, "-c", READ_FILE, o.shell[0], o.guiFile], {
        allowFailure: true
      });
      if (g.code === 0) {
        const guiCommands = testCommands(g.stdout);
        if (guiCommands.length) {
          gui = { file: o.guiFile, commands: guiCommands, note: GUI_NOTE };
          notice(`${guiCommands.length} GUI command(s) in ${o.guiFile} ${GUI_NOTE}.`, {
            title: "multi-arch-image-build"
          });
        }
      }
    }
    info(
      `${commands.length} command(s) from ${o.file}, ${o.concurrency} at a time, ${o.timeoutMs / 1e3} s each, under ${shellText}${mode === "file" ? ", each sourced from a file" : ""}${o.prelude ? ` after \`${o.prelude}\`` : ""}`
    );
    const prefix = `/tmp/.exegol-actions-test-${crypto.randomBytes(4).toString("hex")}-`;
    if (mode === "file" && commands.length) {
      const w = await docker.run(["exec", name, ...o.shell, "-c", WRITE_FILES, o.shell[0], prefix, ...commands], {
        allowFailure: true
      });
      if (w.code !== 0)
        throw new ActionError(
          `Could not write the test commands to ${prefix}* in the image with ${shellText}: ${(w.stderr || w.stdout).trim()}. Set test-mode to inline for images without a writable /tmp.`,
          { input: "test-mode" }
        );
    }
    if (o.prelude && commands.length) {
      const warm = await docker.run(["exec", name, ...o.shell, "-c", `exec 2>&1
${o.prelude}`], {
        allowFailure: true,
        timeoutMs: o.timeoutMs
      });
      const secs = ((warm.durationMs ?? 0) / 1e3).toFixed(1);
      if (warm.code === 0) info(`prelude alone: ${secs} s`);
      else
        warning(
          `The test prelude alone ${warm.timedOut ? `timed out after ${secs} s` : `failed (exit ${warm.code})`}: ${tail(`${warm.stdout}${warm.stderr}`, 500).trim()}`,
          { title: "multi-arch-image-build" }
        );
    }
    const max = o.maxOutputBytes ?? 16384;
    const results = await mapLimit(commands, o.concurrency, async (command, index) => {
      const body = mode === "file" ? `. ${prefix}${index + 1}` : command;
      const script = ["exec 2>&1", o.prelude ?? "", body].filter(Boolean).join("\n");
      const r = await docker.run(["exec", name, ...o.shell, "-c", script], {
        allowFailure: true,
        timeoutMs: o.timeoutMs
      });
      const status = r.timedOut ? "timed-out" : r.code === 0 ? "passed" : "failed";
      const secs = ((r.durationMs ?? 0) / 1e3).toFixed(1);
      info(
        `${status === "passed" ? "\u2714" : status === "failed" ? "\u2718" : "\u23F1"} ${command}  (${status === "failed" ? `exit ${r.code}, ` : ""}${secs} s)`
      );
      return {
        command,
        status,
        exitCode: r.code,
        output: tail(`${r.stdout}${r.stderr}`, max),
        durationMs: r.durationMs ?? 0
      };
    });
    const count = (s) => results.filter((r) => r.status === s).length;
    const logs = o.logDir ? writeLogs(o.logDir, results) : void 0;
    return {
      file: o.file,
      shell: shellText,
      mode,
      prelude: o.prelude,
      gui,
      logs,
      results,
      passed: count("passed"),
      failed: count("failed"),
      timedOut: count("timed-out"),
      durationMs: performance.now() - started
    };
  } finally {
    await docker.run(["rm", "--force", name], { allowFailure: true });
  }
}

// packages/core/src/docker/registry.ts
var fs5 = __toESM(require_fs(), 1);
import * as crypto2 from "node:crypto";
import * as os2 from "node:os";
import * as path4 from "node:path";

// packages/core/src/docker/retry.ts
var DEFAULT_RETRY = { attempts: 4, baseDelayMs: 2e3, maxDelayMs: 3e4 };
var RetriesExhausted = class extends Error {
  constructor(message, attempts, options = {}) {
    super(message, options);
    this.attempts = attempts;
    this.name = "RetriesExhausted";
  }
  attempts;
};
var TRANSIENT_TEXT = [
  /\b(429|500|502|503|504)\b/,
  /toomanyrequests|too many requests/i,
  /internal server error|bad gateway|service unavailable|gateway time-?out/i,
  /connection reset|broken pipe|unexpected EOF|\bEOF\b|i\/o timeout|TLS handshake timeout|connection refused|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|fetch failed/i
];
function transientByText(text) {
  for (const re of TRANSIENT_TEXT) {
    const m = re.exec(text);
    if (m) return { retry: true, reason: m[0] };
  }
  return {
    retry: false,
    reason: text.split("\n").find((l) => l.trim())?.trim().slice(0, 120) ?? "failed"
  };
}
function delayFor(policy, attempt, afterMs) {
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = exp * (0.8 + Math.random() * 0.4);
  const capped = Math.min(jittered, policy.maxDelayMs ?? 3e4);
  return Math.round(afterMs !== void 0 ? Math.max(capped, Math.min(afterMs, 6e4)) : capped);
}
async function withRetry(what, policy, fn, classify) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.retry) throw error;
      if (attempt >= policy.attempts) {
        const msg = error instanceof Error ? error.message : String(error);
        throw new RetriesExhausted(
          `${what} failed ${attempt} time(s), the last with ${verdict.reason}: ${msg}`,
          attempt,
          { cause: error }
        );
      }
      const delay = delayFor(policy, attempt, verdict.afterMs);
      info(
        `${what}: ${verdict.reason}; retrying in ${(delay / 1e3).toFixed(1)} s (attempt ${attempt + 1} of ${policy.attempts})`
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

// packages/core/src/docker/registry.ts
var MEDIA = {
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json"
};
var ACCEPT = [MEDIA.dockerList, MEDIA.ociIndex, MEDIA.dockerManifest, MEDIA.ociManifest].join(", ");
function isIndex(mediaType) {
  return mediaType === MEDIA.dockerList || mediaType === MEDIA.ociIndex;
}
var RegistryError = class extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
    this.name = "RegistryError";
  }
  status;
  code;
};
var TransientStatus = class extends Error {
  constructor(status, afterMs, detail) {
    super(`HTTP ${status}${detail ? ` ${detail}` : ""}`);
    this.status = status;
    this.afterMs = afterMs;
  }
  status;
  afterMs;
};
function sha256(bytes) {
  return `sha256:${crypto2.createHash("sha256").update(bytes).digest("hex")}`;
}
function apiHost(registry) {
  return registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
}
function configKeys(registry) {
  if (registry === DOCKER_HUB)
    return [
      "https://index.docker.io/v1/",
      "index.docker.io",
      "docker.io",
      "registry-1.docker.io",
      "https://registry-1.docker.io"
    ];
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}
function dockerConfigCredentials(configDir = process.env.DOCKER_CONFIG || path4.join(os2.homedir(), ".docker")) {
  return async (registry) => {
    let config;
    try {
      config = JSON.parse(fs5.readFileSync(path4.join(configDir, "config.json"), "utf8"));
    } catch {
      return void 0;
    }
    for (const key of configKeys(registry)) {
      const helper = config.credHelpers?.[key];
      if (helper) return helperCredentials(helper, key);
    }
    for (const key of configKeys(registry)) {
      const entry = config.auths?.[key];
      if (entry?.auth) {
        const text = Buffer.from(entry.auth, "base64").toString("utf8");
        const i = text.indexOf(":");
        if (i > 0) return { username: text.slice(0, i), password: text.slice(i + 1) };
      }
      if (entry?.username && entry.password) return { username: entry.username, password: entry.password };
    }
    if (config.credsStore) {
      for (const key of configKeys(registry)) {
        const found = await helperCredentials(config.credsStore, key);
        if (found) return found;
      }
    }
    return void 0;
  };
}
async function helperCredentials(helper, serverUrl) {
  const res = await run(`docker-credential-${helper}`, ["get"], { input: serverUrl, allowFailure: true }).catch(
    () => void 0
  );
  if (!res || res.code !== 0) return void 0;
  try {
    const j = JSON.parse(res.stdout);
    if (!j.Username || !j.Secret || j.Username === "<token>") return void 0;
    maskSecret(j.Secret);
    return { username: j.Username, password: j.Secret };
  } catch {
    return void 0;
  }
}
function parseChallenge(header) {
  const scheme = header.split(" ")[0].toLowerCase();
  const params = {};
  for (const m of header.slice(scheme.length).matchAll(/(\w+)="([^"]*)"/g)) params[m[1]] = m[2];
  return { scheme, params };
}
var RegistryClient = class _RegistryClient {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  tokens = /* @__PURE__ */ new Map();
  creds = /* @__PURE__ */ new Map();
  traffic = { requests: 0, manifestGets: 0, blobGets: 0, blobBytes: 0, retries: 0 };
  baseUrl(registry) {
    const insecure = isLoopbackRegistry(registry) || (this.options.insecure ?? []).includes(registry);
    return `${insecure ? "http" : "https"}://${apiHost(registry)}/v2/`;
  }
  credentialsFor(registry) {
    let found = this.creds.get(registry);
    if (!found) {
      const fromInputs = this.options.credentials ?? (() => Promise.resolve(void 0));
      found = fromInputs(registry).then((c) => c ?? dockerConfigCredentials()(registry));
      this.creds.set(registry, found);
    }
    return found;
  }
  async authorize(registry, challenge, scopes) {
    const { scheme, params } = parseChallenge(challenge);
    const creds = await this.credentialsFor(registry);
    const basic = creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}` : void 0;
    if (scheme === "basic") return basic;
    if (scheme !== "bearer" || !params.realm) return void 0;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set("service", params.service);
    for (const s of scopes) url.searchParams.append("scope", s);
    const res = await this.fetchWithRetry(`token from ${url.host}`, url, {
      method: "GET",
      headers: basic ? { authorization: basic } : {}
    });
    if (res.status !== 200) {
      throw new RegistryError(
        `${registry} refused a token for ${scopes.join(" ")} (HTTP ${res.status}): ${res.body.toString("utf8").slice(0, 200)}. Check the registry credentials.`,
        res.status
      );
    }
    const j = JSON.parse(res.body.toString("utf8"));
    const token = j.token ?? j.access_token;
    return token ? `Bearer ${token}` : void 0;
  }
  async fetchWithRetry(what, url, init) {
    const policy = this.options.retry ?? DEFAULT_RETRY;
    try {
      return await withRetry(
        what,
        policy,
        async (attempt) => {
          if (attempt > 1) this.traffic.retries++;
          this.traffic.requests++;
          const res = await limitedFetch(
            url,
            { method: init.method, headers: init.headers, body: init.body, redirect: "follow" },
            { retry: false, service: "the registry", source: this.options.source }
          );
          const body = Buffer.from(await res.arrayBuffer());
          debug(`${init.method} ${url.href} \u2192 ${res.status}`);
          if (res.status === 429 || res.status >= 500) {
            const after = res.headers.get("retry-after");
            const afterMs = after && /^\d+$/.test(after) ? Number(after) * 1e3 : void 0;
            throw new TransientStatus(res.status, afterMs, body.toString("utf8").slice(0, 200).trim());
          }
          return { status: res.status, headers: res.headers, body };
        },
        (e) => {
          if (e instanceof TransientStatus) return { retry: true, reason: `HTTP ${e.status}`, afterMs: e.afterMs };
          if (e instanceof NetworkError)
            return {
              retry: !(e.kind === "stalled" && init.method === "POST"),
              reason: e.kind === "stalled" ? "stalled" : e.message.split(":")[0]
            };
          const cause = e.cause;
          if (e instanceof TypeError || cause?.code)
            return { retry: true, reason: cause?.code ?? cause?.message ?? e.message };
          if (e instanceof DOMException && e.name === "TimeoutError") return { retry: true, reason: "timed out" };
          return { retry: false, reason: String(e) };
        }
      );
    } catch (e) {
      const last = e.cause ?? e;
      if (last instanceof TransientStatus)
        throw new RegistryError(`${init.method} ${url.href}: ${e.message}`, last.status);
      if (last instanceof NetworkError) {
        const attempts = e instanceof RetriesExhausted ? ` (${e.attempts} attempts)` : "";
        throw new NetworkError(last.kind, last.host, `${what}${attempts}: ${last.message}`, {
          input: last.input,
          cause: last
        });
      }
      throw e;
    }
  }
  /** One API call: `path` is below /v2/; the token for `scopes` is fetched when challenged. */
  async request(registry, method, apiPath, options) {
    const url = new URL(apiPath, this.baseUrl(registry));
    const key = `${registry} ${options.scopes.join(" ")}`;
    const headers = { ...options.headers };
    const known = this.tokens.get(key);
    if (known) headers.authorization = known;
    const what = `${method} ${registry}/${apiPath.split("?")[0]}`;
    let res = await this.fetchWithRetry(what, url, { method, headers, body: options.body });
    if (res.status === 401) {
      const challenge = res.headers.get("www-authenticate");
      const auth = challenge ? await this.authorize(registry, challenge, options.scopes) : void 0;
      if (auth) {
        this.tokens.set(key, auth);
        res = await this.fetchWithRetry(what, url, {
          method,
          headers: { ...headers, authorization: auth },
          body: options.body
        });
      }
    }
    return res;
  }
  static describe(res) {
    try {
      const j = JSON.parse(res.body.toString("utf8"));
      const e = j.errors?.[0];
      if (e) return { code: e.code, message: `${e.code ?? ""} ${e.message ?? ""}`.trim() };
    } catch {
    }
    return { message: res.body.toString("utf8").slice(0, 200).trim() || `HTTP ${res.status}` };
  }
  static fail(what, res) {
    const { code, message } = _RegistryClient.describe(res);
    const hint = res.status === 401 || res.status === 403 ? " Give registry-username and registry-password that may read and write this repository." : "";
    throw new RegistryError(`${what}: HTTP ${res.status} ${message}.${hint}`, res.status, code);
  }
  static ref(r) {
    const ref = r.digest ?? r.tag;
    if (!ref) throw new Error(`${formatReference(r)} has neither tag nor digest`);
    return ref;
  }
  /** The manifest's exact bytes, or undefined when the registry has none under that tag or digest. */
  async getManifest(r) {
    this.traffic.manifestGets++;
    const res = await this.request(r.registry, "GET", `${r.repository}/manifests/${_RegistryClient.ref(r)}`, {
      headers: { accept: ACCEPT },
      scopes: [`repository:${r.repository}:pull`]
    });
    if (res.status === 404) return void 0;
    if (res.status !== 200) _RegistryClient.fail(`reading ${formatReference(r)}`, res);
    const digest = sha256(res.body);
    if (r.digest && r.digest !== digest)
      throw new RegistryError(`${formatReference(r)}: the registry sent bytes whose digest is ${digest}`, 200);
    const json = JSON.parse(res.body.toString("utf8"));
    const mediaType = (res.headers.get("content-type") ?? "").split(";")[0].trim() || json.mediaType || MEDIA.ociManifest;
    return { bytes: res.body, digest, mediaType, json };
  }
  /** Digest and media type without the body, or undefined when absent. */
  async headManifest(r) {
    const res = await this.request(r.registry, "HEAD", `${r.repository}/manifests/${_RegistryClient.ref(r)}`, {
      headers: { accept: ACCEPT },
      scopes: [`repository:${r.repository}:pull`]
    });
    if (res.status === 404) return void 0;
    if (res.status !== 200) _RegistryClient.fail(`reading ${formatReference(r)}`, res);
    const digest = res.headers.get("docker-content-digest");
    if (!digest) {
      return await this.getManifest(r).then(
        (m) => m && { digest: m.digest, mediaType: m.mediaType, size: m.bytes.length }
      );
    }
    return {
      digest,
      mediaType: (res.headers.get("content-type") ?? "").split(";")[0],
      size: Number(res.headers.get("content-length") ?? 0)
    };
  }
  async putManifest(r, mediaType, bytes) {
    const res = await this.request(r.registry, "PUT", `${r.repository}/manifests/${_RegistryClient.ref(r)}`, {
      headers: { "content-type": mediaType },
      body: bytes,
      scopes: [`repository:${r.repository}:pull,push`]
    });
    if (res.status !== 201 && res.status !== 200) _RegistryClient.fail(`writing ${formatReference(r)}`, res);
    return res.headers.get("docker-content-digest") ?? sha256(bytes);
  }
  /** A small blob (an image config), checked against its digest. */
  async getBlob(registry, repository, digest) {
    this.traffic.blobGets++;
    const res = await this.request(registry, "GET", `${repository}/blobs/${digest}`, {
      scopes: [`repository:${repository}:pull`]
    });
    if (res.status !== 200) _RegistryClient.fail(`reading blob ${digest} of ${registry}/${repository}`, res);
    this.traffic.blobBytes += res.body.length;
    if (sha256(res.body) !== digest)
      throw new RegistryError(`blob ${digest} of ${registry}/${repository} does not match its digest`, 200);
    return res.body;
  }
  async hasBlob(registry, repository, digest) {
    const res = await this.request(registry, "HEAD", `${repository}/blobs/${digest}`, {
      scopes: [`repository:${repository}:pull`]
    });
    if (res.status === 404) return false;
    if (res.status !== 200) _RegistryClient.fail(`checking blob ${digest} in ${registry}/${repository}`, res);
    return true;
  }
  /** Links a blob of `from` into `repository` on the same registry, without moving its bytes. */
  async mountBlob(registry, repository, digest, from) {
    const q = new URLSearchParams({ mount: digest, from });
    const res = await this.request(registry, "POST", `${repository}/blobs/uploads/?${q.toString()}`, {
      scopes: [`repository:${repository}:pull,push`, `repository:${from}:pull`]
    });
    if (res.status === 201) return;
    if (res.status === 202) {
      const location = res.headers.get("location");
      if (location) {
        const url = new URL(location, this.baseUrl(registry));
        await this.request(registry, "DELETE", url.pathname.replace(/^\/v2\//, "") + url.search, {
          scopes: [`repository:${repository}:pull,push`]
        }).catch(() => void 0);
      }
      throw new RegistryError(
        `${registry} would not link blob ${digest} from ${from} into ${repository} (it asked for an upload instead)`,
        202
      );
    }
    _RegistryClient.fail(`linking blob ${digest} from ${from} into ${registry}/${repository}`, res);
  }
  /**
   * Removes a tag, leaving the manifest (a list may still point at it). Registries that only
   * delete by digest (Docker's distribution 2.x) answer `unsupported`.
   */
  async deleteTag(r) {
    const res = await this.request(r.registry, "DELETE", `${r.repository}/manifests/${r.tag}`, {
      scopes: [`repository:${r.repository}:pull,push,delete`, `repository:${r.repository}:*`]
    });
    if (res.status === 202 || res.status === 200) return "deleted";
    if (res.status === 404) {
      const { code } = _RegistryClient.describe(res);
      return code === "MANIFEST_UNKNOWN" || code === "NAME_UNKNOWN" ? "absent" : "unsupported";
    }
    if (res.status === 400 || res.status === 405) return "unsupported";
    _RegistryClient.fail(`deleting tag ${formatReference(r)}`, res);
  }
  /**
   * Removes a manifest by digest, with every tag on it (the OCI way, and the only one Docker's
   * distribution 2.x has). Only safe where no list of the same repository needs the manifest.
   */
  async deleteManifest(r) {
    if (!r.digest) throw new Error(`${formatReference(r)} has no digest`);
    const res = await this.request(r.registry, "DELETE", `${r.repository}/manifests/${r.digest}`, {
      scopes: [`repository:${r.repository}:pull,push,delete`, `repository:${r.repository}:*`]
    });
    if (res.status === 202 || res.status === 200) return "deleted";
    if (res.status === 404) return "absent";
    if (res.status === 400 || res.status === 405) return "unsupported";
    _RegistryClient.fail(`deleting ${formatReference(r)}`, res);
  }
};

// packages/core/src/docker/manifest.ts
function platformOf(p) {
  const out = { os: p.os ?? "unknown", architecture: p.architecture ?? "unknown" };
  if (p.variant) out.variant = p.variant;
  return out;
}
function sameRepository(a, b) {
  return a.registry === b.registry && a.repository === b.repository;
}
async function resolveSource(client, source, input) {
  const m = await client.getManifest(source);
  if (!m) {
    throw new ActionError(
      `Input "${input}": ${formatReference(source)} does not exist on the registry. Did the build for that platform fail, or push under another tag? Nothing was written.`,
      { input }
    );
  }
  if (isIndex(m.mediaType)) {
    return (m.json.manifests ?? []).filter(
      (d) => d.platform && d.platform.os !== "unknown" && d.annotations?.["vnd.docker.reference.type"] !== "attestation-manifest"
    ).map((d) => ({
      source,
      mediaType: d.mediaType,
      digest: d.digest,
      size: d.size,
      platform: platformOf(d.platform)
    }));
  }
  const config = m.json.config;
  if (!config)
    throw new ActionError(
      `${formatReference(source)} is neither an image manifest nor a list (media type ${m.mediaType}).`
    );
  const cfg = JSON.parse(
    (await client.getBlob(source.registry, source.repository, config.digest)).toString("utf8")
  );
  const imageSize = [config, ...m.json.layers ?? []].reduce((n, b) => n + (b.size ?? 0), 0);
  return [
    { source, mediaType: m.mediaType, digest: m.digest, size: m.bytes.length, platform: platformOf(cfg), imageSize }
  ];
}
function listBytes(entries) {
  const oci = entries.some((e) => e.mediaType === MEDIA.ociManifest || e.mediaType === MEDIA.ociIndex);
  const mediaType = oci ? MEDIA.ociIndex : MEDIA.dockerList;
  const doc = {
    schemaVersion: 2,
    mediaType,
    manifests: entries.map((e) => ({
      mediaType: e.mediaType,
      size: e.size,
      digest: e.digest,
      platform: {
        architecture: e.platform.architecture,
        os: e.platform.os,
        ...e.platform.variant ? { variant: e.platform.variant } : {}
      }
    }))
  };
  return { mediaType, bytes: Buffer.from(`${JSON.stringify(doc, null, 3)}
`) };
}
async function ensureManifestIn(client, from, to, digest, dryRun) {
  if (sameRepository(from, to)) return;
  if (from.registry !== to.registry) {
    throw new ActionError(
      `${formatReference(from)} and ${formatReference(to)} are on different registries: lists are assembled and promoted within one registry, where blobs are linked, never pulled. Push the arch images to ${to.registry} first.`
    );
  }
  const target = withDigest(to, digest);
  if (await client.headManifest(target)) return;
  const m = await client.getManifest(withDigest(from, digest));
  if (isIndex(m.mediaType)) {
    for (const child of m.json.manifests ?? []) await ensureManifestIn(client, from, to, child.digest, dryRun);
  } else {
    for (const blob of [m.json.config, ...m.json.layers ?? []]) {
      if (!blob || dryRun) continue;
      if (!await client.hasBlob(to.registry, to.repository, blob.digest))
        await client.mountBlob(to.registry, to.repository, blob.digest, from.repository);
    }
  }
  if (dryRun) return;
  await client.putManifest(target, m.mediaType, m.bytes);
}
async function writeTargets(client, targets, mediaType, bytes, dryRun) {
  const digest = sha256(bytes);
  const results = [];
  for (const ref of targets) {
    const before = await client.headManifest(ref);
    if (before?.digest === digest) {
      info(`${formatReference(ref)} already is ${digest}: unchanged`);
      results.push({ ref, operation: "unchanged", previous: before.digest });
      continue;
    }
    if (dryRun) {
      info(`would write ${formatReference(ref)} \u2192 ${digest}${before ? ` (now ${before.digest})` : ""}`);
      results.push({ ref, operation: "planned", previous: before?.digest });
      continue;
    }
    const written = await client.putManifest(ref, mediaType, bytes);
    if (written !== digest)
      throw new ActionError(
        `The registry stored ${formatReference(ref)} as ${written}, not ${digest}: it rewrote the list.`
      );
    info(`${formatReference(ref)} \u2192 ${digest}${before ? ` (was ${before.digest})` : ""}`);
    results.push({ ref, operation: before ? "updated" : "created", previous: before?.digest });
  }
  return results;
}
async function verifyTargets(client, targets, digest, entries) {
  const expected = new Map(entries.map((e) => [platformKey(e.platform), e.digest]));
  for (const t of targets) {
    if (t.operation === "planned") continue;
    const m = await client.getManifest(t.ref);
    if (!m) throw new ActionError(`${formatReference(t.ref)} is missing right after it was written.`);
    if (m.digest !== digest)
      throw new ActionError(
        `${formatReference(t.ref)} is ${m.digest} on the registry, not the ${digest} just written (another job wrote it?).`
      );
    const got = new Map((m.json.manifests ?? []).map((d) => [platformKey(platformOf(d.platform ?? {})), d.digest]));
    const same = got.size === expected.size && [...expected].every(([k, d]) => got.get(k) === d);
    if (!same) {
      const show = (mp) => [...mp].map(([k, d]) => `${k}=${d.slice(7, 19)}`).join(", ");
      throw new ActionError(`${formatReference(t.ref)} lists ${show(got)}; expected ${show(expected)}.`);
    }
  }
}
async function tagManifest(client, from, digest, to) {
  await ensureManifestIn(client, from, to, digest, false);
  const m = await client.getManifest(withDigest(sameRepository(from, to) ? from : to, digest));
  if (!m) throw new ActionError(`${formatReference(withDigest(to, digest))} is missing right after it was linked.`);
  await client.putManifest(to, m.mediaType, m.bytes);
}
async function deleteIntermediates(client, o) {
  const out = [];
  const finalTags = new Set(o.targets.map(formatReference));
  const targetRepos = new Set(o.targets.map((t) => `${t.registry}/${t.repository}`));
  const warn = (d) => warning(`${d.note}: ${formatReference(d.ref)} is kept.`, { title: "multi-arch-image-build" });
  for (const s of o.sources) {
    if (!s.tag || s.digest || finalTags.has(formatReference(s))) continue;
    if (o.dryRun) {
      out.push({ ref: s, result: "kept", note: "dry run" });
      continue;
    }
    let d;
    try {
      if (s.registry === DOCKER_HUB) {
        if (!o.hub)
          d = {
            ref: s,
            result: "kept",
            via: "docker-hub-api",
            note: "Docker Hub deletes tags only through its own API, which needs registry-username and registry-password"
          };
        else d = { ref: s, result: await o.hub.deleteTag(s), via: "docker-hub-api" };
      } else {
        const byTag = await client.deleteTag(s);
        d = { ref: s, result: byTag, via: "tag" };
        const own = o.entries.filter((e) => e.source === s);
        if (byTag === "unsupported" && own.length === 1 && !targetRepos.has(`${s.registry}/${s.repository}`)) {
          const now = await client.headManifest(s);
          if (now?.digest === own[0].digest)
            d = { ref: s, result: await client.deleteManifest(withDigest(s, own[0].digest)), via: "digest" };
          else
            d = {
              ref: s,
              result: "kept",
              via: "digest",
              note: `the tag moved to ${now?.digest ?? "nothing"} since the merge read it`
            };
        }
        if (d.result === "unsupported")
          d.note = `${s.registry} does not delete tags on their own (only whole manifests, which the list needs)`;
      }
    } catch (e) {
      d = {
        ref: s,
        result: "failed",
        note: `deleting it failed (${(e instanceof Error ? e.message : String(e)).replace(/\.$/, "")})`
      };
    }
    if (d.note) warn(d);
    else info(`${formatReference(s)}: ${d.result}${d.via ? ` (${d.via})` : ""}`);
    out.push(d);
  }
  return out;
}
async function mergeManifests(client, o) {
  const started = performance.now();
  const entries = [];
  for (const s of o.sources) entries.push(...await resolveSource(client, s, "sources"));
  const seen = /* @__PURE__ */ new Map();
  for (const e of entries) {
    const key = platformKey(e.platform);
    const twin = seen.get(key);
    if (twin) {
      throw new ActionError(
        `Input "sources": ${formatReference(twin.source)} and ${formatReference(e.source)} are both ${platformString(e.platform)}. Give one image per platform. Nothing was written.`,
        { input: "sources" }
      );
    }
    seen.set(key, e);
  }
  if (o.platforms) {
    const want = new Set(o.platforms.map(platformKey));
    const missing = [...want].filter((p) => !seen.has(p));
    const extra = [...seen.keys()].filter((p) => !want.has(p));
    if (missing.length || extra.length) {
      throw new ActionError(
        `Input "platforms": the sources hold ${[...seen.keys()].join(", ")}${missing.length ? `; missing ${missing.join(", ")}` : ""}${extra.length ? `; not expected ${extra.join(", ")}` : ""}. Nothing was written.`,
        { input: "platforms" }
      );
    }
  }
  const { mediaType, bytes } = listBytes(entries);
  const digest = sha256(bytes);
  for (const t of o.targets)
    for (const e of entries) await ensureManifestIn(client, e.source, t, e.digest, Boolean(o.dryRun));
  const targets = await writeTargets(client, o.targets, mediaType, bytes, Boolean(o.dryRun));
  await verifyTargets(client, targets, digest, entries);
  const deleted = o.deleteSources ? await deleteIntermediates(client, {
    sources: o.sources,
    targets: o.targets,
    entries,
    hub: o.hub,
    dryRun: o.dryRun
  }) : [];
  return { digest, mediaType, bytes, entries, targets, deleted, durationMs: performance.now() - started };
}
async function promoteManifest(client, o) {
  const started = performance.now();
  const m = await client.getManifest(o.source);
  if (!m)
    throw new ActionError(
      `Input "source": ${formatReference(o.source)} does not exist on the registry. Nothing was promoted.`,
      { input: "source" }
    );
  if (o.expectedDigest && m.digest !== o.expectedDigest) {
    throw new ActionError(
      `Input "expected-digest": ${formatReference(o.source)} is ${m.digest}, not ${o.expectedDigest}. The pre-production image changed since it was tested: promote by the tested digest, or re-run the pipeline. Nothing was promoted.`,
      { input: "expected-digest" }
    );
  }
  const entries = isIndex(m.mediaType) ? (m.json.manifests ?? []).map((d) => ({
    source: o.source,
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    platform: platformOf(d.platform ?? {})
  })) : (await resolveSource(client, o.source, "source")).map((e) => ({ ...e, digest: m.digest }));
  for (const t of o.targets) {
    if (isIndex(m.mediaType))
      for (const e of entries) await ensureManifestIn(client, o.source, t, e.digest, Boolean(o.dryRun));
    else await ensureManifestIn(client, o.source, t, m.digest, Boolean(o.dryRun));
  }
  const targets = await writeTargets(client, o.targets, m.mediaType, m.bytes, Boolean(o.dryRun));
  if (isIndex(m.mediaType)) await verifyTargets(client, targets, m.digest, entries);
  else {
    for (const t of targets) {
      const after = t.operation === "planned" ? void 0 : await client.headManifest(t.ref);
      if (after && after.digest !== m.digest)
        throw new ActionError(`${formatReference(t.ref)} is ${after.digest} after the copy, not ${m.digest}.`);
    }
  }
  return {
    digest: m.digest,
    sourceDigest: m.digest,
    mediaType: m.mediaType,
    bytes: m.bytes,
    entries,
    targets,
    deleted: [],
    durationMs: performance.now() - started
  };
}

// packages/core/src/docker/push.ts
async function login(docker, creds, policy) {
  maskSecret(creds.password);
  const server = creds.registry === DOCKER_HUB ? [] : [creds.registry];
  await withRetry(
    `docker login ${creds.registry}`,
    policy,
    () => docker.run(["login", ...server, "--username", creds.username, "--password-stdin"], {
      input: creds.password,
      secrets: [creds.password]
    }),
    (e) => e instanceof CommandError ? transientByText(e.result.stderr) : { retry: false, reason: String(e) }
  ).catch((e) => {
    const text = e instanceof CommandError ? e.result.stderr.trim() : e instanceof Error ? e.message : String(e);
    throw new ActionError(
      `Input "registry-username": login to ${creds.registry} failed: ${text}. Check the user name and the password or token (and its scopes).`,
      { input: "registry-username" }
    );
  });
  info(`logged in to ${creds.registry} as ${creds.username}`);
  return async () => {
    await docker.run(["logout", ...server], { allowFailure: true });
    info(`logged out of ${creds.registry}`);
  };
}
function pushedDigest(output) {
  const m = /digest: (sha256:[0-9a-f]{64}) size: (\d+)/.exec(output);
  return m ? { digest: m[1], size: Number(m[2]) } : void 0;
}
async function pushImage(docker, ref, policy) {
  let attempts = 0;
  try {
    const res = await withRetry(
      `docker push ${ref}`,
      policy,
      async (attempt) => {
        attempts = attempt;
        return docker.run(["push", ref], { onLine: (l) => info(l), idleTimeoutMs: dockerIdleMs() });
      },
      (e) => e instanceof CommandError ? e.result.idle ? { retry: true, reason: `docker printed nothing for ${describeDockerLimit()}` } : transientByText(`${e.result.stderr}
${e.result.stdout}`) : { retry: false, reason: String(e) }
    );
    const pushed = pushedDigest(res.stdout);
    if (!pushed)
      throw new ActionError(
        `docker push ${ref} ended without printing the pushed digest:
${res.stdout.trim().split("\n").slice(-5).join("\n")}`
      );
    return { ...pushed, attempts };
  } catch (e) {
    if (e instanceof ActionError) throw e;
    const inner = e instanceof RetriesExhausted ? e.cause : e;
    const text = inner instanceof CommandError ? (inner.result.stderr || inner.result.stdout).trim().split("\n").slice(-3).join(" ") : String(inner);
    if (inner instanceof CommandError && inner.result.idle) {
      throw new ActionError(
        `Pushing ${ref} stalled${e instanceof RetriesExhausted ? ` ${e.attempts} time(s)` : ""}: docker printed nothing for ${describeDockerLimit()}. ${stallAdvice()}`
      );
    }
    const hint = /denied|unauthorized|authentication required/i.test(text) ? "The registry refused the credentials: give registry-username and registry-password that may push to this repository." : /name unknown|repository name not known/i.test(text) ? "The repository does not exist on the registry: create it, or check the image name." : e instanceof RetriesExhausted ? `The registry kept failing after ${e.attempts} attempts: retry later, or raise retries.` : "See the push log above.";
    throw new ActionError(
      `Pushing ${ref} failed${e instanceof RetriesExhausted ? ` ${e.attempts} time(s)` : ""}: ${text}. ${hint}`
    );
  }
}

// packages/core/src/docker/hub.ts
var DOCKER_HUB_API = "https://hub.docker.com";
var HubError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "HubError";
  }
  status;
};
var DockerHubClient = class {
  constructor(options) {
    this.options = options;
    maskSecret(options.credentials.password);
  }
  options;
  token;
  /** Requests sent, for tests and the summary. */
  requests = 0;
  url(p) {
    return new URL(p, this.options.baseUrl ?? DOCKER_HUB_API);
  }
  async send(method, p, headers, body) {
    return withRetry(
      `${method} ${p}`,
      this.options.retry ?? DEFAULT_RETRY,
      async () => {
        this.requests++;
        const res = await fetch(this.url(p), { method, headers, body, signal: AbortSignal.timeout(6e4) });
        const text = await res.text();
        if (res.status === 429 || res.status >= 500) throw new HubError(`HTTP ${res.status}`, res.status);
        return { status: res.status, text };
      },
      (e) => e instanceof HubError || e instanceof TypeError ? { retry: true, reason: e.message } : { retry: false, reason: String(e) }
    );
  }
  async login() {
    if (this.token) return this.token;
    const { username, password } = this.options.credentials;
    const res = await this.send(
      "POST",
      "/v2/auth/token",
      { "content-type": "application/json", accept: "application/json" },
      JSON.stringify({ identifier: username, secret: password })
    );
    if (res.status !== 200)
      throw new HubError(
        `Docker Hub refused the login of ${username} (HTTP ${res.status}): ${res.text.slice(0, 200)}`,
        res.status
      );
    const token = JSON.parse(res.text).access_token;
    if (!token) throw new HubError("Docker Hub answered the login without an access_token", res.status);
    maskSecret(token);
    this.token = token;
    return token;
  }
  /** Deletes one tag; `absent` when Docker Hub has no such tag. */
  async deleteTag(ref) {
    if (!ref.tag) throw new Error(`${formatReference(ref)} has no tag`);
    const [namespace, ...rest] = ref.repository.includes("/") ? ref.repository.split("/") : ["library", ref.repository];
    const p = `/v2/repositories/${encodeURIComponent(namespace)}/${encodeURIComponent(rest.join("/"))}/tags/${encodeURIComponent(ref.tag)}`;
    const res = await this.send("DELETE", p, {
      authorization: `Bearer ${await this.login()}`,
      accept: "application/json"
    });
    if (res.status === 204 || res.status === 200 || res.status === 202) return "deleted";
    if (res.status === 404) return "absent";
    throw new HubError(
      `Docker Hub refused to delete ${formatReference(ref)} (HTTP ${res.status}): ${res.text.slice(0, 200)}`,
      res.status
    );
  }
};

// packages/core/src/multi-arch-image-build/summary.ts
function html(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
function shortDigest(digest) {
  return digest ? `\`${digest.slice(0, 19)}\u2026\`` : "\u2014";
}
function seconds(ms) {
  return ms === void 0 ? "\u2014" : `${(ms / 1e3).toFixed(1)} s`;
}
var ICON = {
  pushed: "\u2705 pushed",
  unchanged: "\u2705 unchanged",
  built: "\u2705 built, not pushed",
  "tests-failed": "\u274C tests failed, nothing pushed",
  planned: "\u{1F4DD} dry run",
  skipped: "\u23ED already built, skipped",
  created: "\u2705 created",
  updated: "\u2705 updated"
};
function buildSummary(r) {
  const t = r.tests;
  const lines = [
    `### multi-arch-image-build \xB7 build \`${platformString(r.platform)}\` \xB7 ${r.alreadyBuilt ? ICON.skipped : ICON[r.operation]}`,
    "",
    "| Platform | Image | Size | Digest | Tests passed | Failed | Timed out | Build | From cache | Duration |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${platformString(r.platform)} | \`${cell(r.ref)}\` | ${r.build ? formatBytes(r.build.size) : "\u2014"} | ${shortDigest(r.digest)} | ${t ? t.skipped ? "skipped" : t.passed : "\u2014"} | ${t?.failed ?? "\u2014"} | ${t?.timedOut ?? "\u2014"} | ${seconds(r.build?.durationMs)} | ${r.build ? `${r.build.cachedSteps}/${r.build.steps} steps` : "\u2014"} | ${seconds(r.durationMs)} |`,
    ""
  ];
  if (r.failure) lines.push(`> **${html(r.failure)}**`, "");
  for (const n of r.notes) lines.push(`> ${html(n)}`, "");
  if (r.plan.length) lines.push("**Plan (dry run)**", "", ...r.plan.map((p) => `- \`${cell(p)}\``), "");
  const bad = (t?.results ?? []).filter((c) => c.status !== "passed");
  for (const c of bad) {
    const head = c.status === "failed" ? `\u274C failed (exit ${c.exitCode}, ${seconds(c.durationMs)})` : `\u23F1 timed out after ${seconds(c.durationMs)}`;
    lines.push(
      `<details><summary>${head}: <code>${html(c.command)}</code></summary>`,
      "",
      `<pre>${html(c.output.trim() || "(no output)")}</pre>`,
      "</details>",
      ""
    );
  }
  if (t?.gui) {
    lines.push(
      `<details><summary>\u{1F5A5} ${t.gui.commands.length} GUI command(s), not run</summary>`,
      "",
      `<pre>${html(t.gui.commands.join("\n"))}</pre>`,
      "</details>",
      ""
    );
  }
  const disk = r.disk;
  lines.push(
    keyValueTable({
      engine: `${r.engine.serverVersion} on ${r.engine.architecture}`,
      client: `${r.engine.client} ${r.engine.clientVersion}`,
      builder: r.engine.builder + (r.engine.buildxVersion ? ` (buildx ${r.engine.buildxVersion})` : ""),
      emulation: r.emulation,
      "test file": t ? `${t.file} under ${t.shell}${t.mode === "file" ? ", each line sourced from a file" : ""}${t.prelude ? ` after ${t.prelude}` : ""}${t.skipped ? ` \u2014 ${t.skipped}` : ""}` : void 0,
      "GUI commands": t?.gui ? `${t.gui.commands.length} in ${t.gui.file}, ${t.gui.note}` : void 0,
      "test logs": t?.logs ? t.logs.failed.replace(/\/[^/]+$/, "") : void 0,
      "push attempts": r.push?.attempts,
      disk: disk ? `${disk.freeBefore !== void 0 ? formatBytes(disk.freeBefore) : "?"} free, ${formatBytes(disk.required)} required: ${disk.note}` : void 0
    }),
    ""
  );
  return lines.join("\n");
}
function listSummary(r) {
  const title = r.step === "merge" ? "merge" : "promote";
  const lines = [
    `### multi-arch-image-build \xB7 ${title} \xB7 ${ICON[r.operation]}`,
    "",
    `List \`${r.list.digest}\` (${r.list.mediaType.replace(/^application\//, "")}), ${seconds(r.list.durationMs)}`,
    "",
    "| Platform | Digest | Image size | From |",
    "| --- | --- | --- | --- |",
    ...r.list.entries.map(
      (e) => `| ${platformString(e.platform)} | ${shortDigest(e.digest)} | ${e.imageSize !== void 0 ? formatBytes(e.imageSize) : "\u2014"} | \`${cell(formatReference(e.source))}\` |`
    ),
    "",
    "| Tag | Result | Before |",
    "| --- | --- | --- |",
    ...r.list.targets.map(
      (t) => `| \`${cell(formatReference(t.ref))}\` | ${ICON[t.operation]} | ${shortDigest(t.previous)} |`
    ),
    ""
  ];
  if (r.list.deleted.length) {
    lines.push(
      "| Intermediate tag | Deleted | How |",
      "| --- | --- | --- |",
      ...r.list.deleted.map(
        (d) => `| \`${cell(formatReference(d.ref))}\` | ${d.result} | ${d.via ?? "\u2014"}${d.note ? `: ${cell(d.note)}` : ""} |`
      ),
      ""
    );
  }
  lines.push(
    `Registry traffic: ${r.traffic.requests} requests, ${r.traffic.manifestGets} manifest reads, ${r.traffic.blobGets} blob reads (image configs, ${formatBytes(r.traffic.blobBytes)}), ${r.traffic.retries} retries; no layer pulled.`,
    ""
  );
  if (r.plan.length) lines.push("**Plan (dry run)**", "", ...r.plan.map((p) => `- \`${cell(p)}\``), "");
  return lines.join("\n");
}
function summaryMarkdown(r) {
  return r.step === "build" ? buildSummary(r) : listSummary(r);
}

// packages/core/src/multi-arch-image-build/index.ts
function registryClient(o) {
  const creds = o.login;
  return new RegistryClient({
    credentials: (registry) => Promise.resolve(
      creds && creds.registry === registry ? { username: creds.username, password: creds.password } : void 0
    ),
    insecure: o.insecure,
    retry: o.retry,
    // The registry is the host of the image references (inputs image, source, registry).
    source: 'the image reference (inputs "image", "registry", "source")'
  });
}
function engineSummary(docker) {
  const { client, clientVersion, builder, buildxVersion, serverVersion, architecture } = docker.info;
  return { client, clientVersion, builder, buildxVersion, serverVersion, architecture };
}
async function buildStep(o) {
  const started = performance.now();
  const docker = await group("Docker engine", async () => {
    const d = await detectEngine(o.engine);
    for (const c of d.info.candidates)
      info(`client ${c.path}: ${c.problem ?? `${c.version}${c.buildx ? `, buildx ${c.buildx}` : ", no buildx"}`}`);
    info(
      `using ${d.info.client} with the ${d.info.builder} builder; engine ${d.info.serverVersion} on ${d.info.architecture}, data root ${d.info.rootDir}`
    );
    return d;
  });
  const emulation = planEmulation(docker.info, o.platform, o.emulation);
  info(`${platformString(o.platform)}: ${emulation.note}`);
  const ref = formatReference(withTag(o.image, o.archTag));
  const result = {
    step: "build",
    engine: engineSummary(docker),
    emulation: emulation.note,
    platform: o.platform,
    arch: platformSuffix(o.platform),
    ref,
    operation: "planned",
    plan: [],
    notes: [],
    durationMs: 0
  };
  const cleanups = [];
  try {
    if (o.skipIfBuilt && o.push) {
      const client2 = registryClient(o);
      const archRef = withTag(o.image, o.archTag);
      const found = await group(
        "Already built?",
        () => findBuilt(client2, [archRef, ...o.finalTags ?? []], o.platform, o.skipIfBuilt)
      );
      if (found) {
        result.operation = "unchanged";
        result.digest = found.digest;
        result.alreadyBuilt = { labels: o.skipIfBuilt, from: formatReference(found.from) };
        const where = found.from === archRef ? ref : `${formatReference(found.from)} (its ${platformString(o.platform)} image)`;
        if (found.from !== archRef && !o.dryRun) await tagManifest(client2, found.from, found.digest, archRef);
        result.notes.push(
          `${where} already holds this build (${Object.entries(o.skipIfBuilt).map(([k, v]) => `${k}=${v}`).join(
            ", "
          )}): not built, tested or pushed again.${found.from !== archRef ? ` ${ref} points at it again for the merge.` : ""}`
        );
        notice(`${where} is already built from this commit (${found.digest}): build and tests skipped.`, {
          title: "multi-arch-image-build"
        });
        return result;
      }
    }
    if (o.disk) result.disk = await group("Disk space", () => guardDisk(docker, { ...o.disk, dryRun: o.dryRun }));
    if (o.dryRun) {
      const cmd = buildCommand(docker.info, { ...o.build, platform: o.platform, tags: [ref] }, "<iidfile>");
      result.notes.push(...cmd.notes);
      result.plan.push(`build: ${docker.info.client} ${cmd.args.join(" ")}`);
      if (o.tests)
        result.plan.push(
          `test: each line of ${o.tests.file} under ${o.tests.shell.join(" ")}, ${o.tests.concurrency} at a time, ${o.tests.timeoutMs / 1e3} s each`
        );
      result.plan.push(o.push ? `push: ${ref} (up to ${o.retry.attempts} attempts)` : "push: no (input push is false)");
      for (const line of result.plan) info(`[dry-run] ${line}`);
      return result;
    }
    if (o.login) {
      const logout = await login(docker, o.login, o.retry);
      cleanups.push({ what: `logout of ${o.login.registry}`, run: logout });
    }
    result.build = await group(
      `Build ${platformString(o.platform)}`,
      () => buildImage(docker, { ...o.build, platform: o.platform, tags: [ref] })
    );
    result.notes.push(...result.build.command.notes);
    if (o.cleanup)
      cleanups.push({ what: `remove ${ref}`, run: () => docker.run(["image", "rm", ref], { allowFailure: true }) });
    info(
      `built ${result.build.imageId}: ${result.build.cachedSteps}/${result.build.steps} steps from cache, ${(result.build.durationMs / 1e3).toFixed(1)} s`
    );
    if (o.tests) {
      const tests = await group(
        `Test ${platformString(o.platform)}`,
        () => testImage(docker, { ...o.tests, image: result.build.imageId, platform: o.platform })
      );
      result.tests = tests;
      const bad = tests.failed + tests.timedOut;
      if (bad > 0) {
        const what = `${tests.failed} failed and ${tests.timedOut} timed-out of ${tests.results.length} test command(s) in ${ref}`;
        if (o.testFailures === "fail") {
          result.operation = "tests-failed";
          result.failure = `${what}; nothing was pushed. See the job summary for their output, or set test-failures to report to push anyway.`;
          return result;
        }
        warning(`${what}; pushing anyway (test-failures is report).`, { title: "multi-arch-image-build" });
      }
    }
    if (!o.push) {
      result.operation = "built";
      return result;
    }
    const client = registryClient(o);
    const before = await client.headManifest(withTag(o.image, o.archTag)).catch(() => void 0);
    result.push = await group(`Push ${ref}`, () => pushImage(docker, ref, o.retry));
    result.digest = result.push.digest;
    result.operation = before?.digest === result.push.digest ? "unchanged" : "pushed";
    return result;
  } finally {
    result.durationMs = performance.now() - started;
    for (const c of cleanups.reverse()) {
      await c.run().catch(
        (e) => warning(`clean-up (${c.what}) failed: ${e instanceof Error ? e.message : String(e)}`)
      );
    }
  }
}
async function findBuilt(client, candidates, platform, labels) {
  for (const ref of candidates) {
    try {
      let m = await client.getManifest(ref);
      if (!m) {
        info(`${formatReference(ref)}: not in the registry`);
        continue;
      }
      if (isIndex(m.mediaType)) {
        const entry = (m.json.manifests ?? []).find(
          (d) => d.platform && platformKey({
            os: d.platform.os,
            architecture: d.platform.architecture,
            ...d.platform.variant ? { variant: d.platform.variant } : {}
          }) === platformKey(platform)
        );
        if (!entry) {
          info(`${formatReference(ref)}: no ${platformString(platform)} image in the list`);
          continue;
        }
        m = await client.getManifest(withDigest(ref, entry.digest));
        if (!m?.json.config) continue;
      }
      if (!m.json.config) continue;
      const cfg = JSON.parse(
        (await client.getBlob(ref.registry, ref.repository, m.json.config.digest)).toString("utf8")
      );
      const got = platformKey({
        os: cfg.os ?? "",
        architecture: cfg.architecture ?? "",
        ...cfg.variant ? { variant: cfg.variant } : {}
      });
      if (got !== platformKey(platform)) {
        info(`${formatReference(ref)}: ${got}, not ${platformString(platform)}`);
        continue;
      }
      const have = cfg.config?.Labels ?? {};
      const differ = Object.entries(labels).filter(([k, v]) => have[k] !== v);
      if (differ.length) {
        info(
          `${formatReference(ref)}: another build (${differ.map(([k, v]) => `${k} is ${have[k] ?? "unset"}, not ${v}`).join("; ")})`
        );
        continue;
      }
      info(`${formatReference(ref)}: this build, ${m.digest}`);
      return { digest: m.digest, from: ref };
    } catch (e) {
      warning(
        `Could not check whether ${formatReference(ref)} already holds this build (${e instanceof Error ? e.message : String(e)}).`,
        { title: "multi-arch-image-build" }
      );
    }
  }
  info("not built yet: building");
  return void 0;
}
function overall(targets) {
  const ops = new Set(targets.map((t) => t.operation));
  if (ops.has("planned")) return "planned";
  if (ops.size === 1 && ops.has("unchanged")) return "unchanged";
  return ops.has("updated") ? "updated" : "created";
}
function registryFailure(error, step) {
  if (!(error instanceof RegistryError || error instanceof RetriesExhausted)) return error;
  const status = error instanceof RegistryError ? error.status : 0;
  const transient = error instanceof RetriesExhausted || status === 429 || status >= 500;
  const message = error.message.replace(/\s+/g, " ").replace(/\.$/, "");
  return new ActionError(
    transient ? `The ${step} step stopped: the registry kept failing (${message}). Tags written before stay as they are, and a re-run with the same inputs writes only what is missing: re-run the job later, or raise retries.` : `The ${step} step stopped: ${message}.`,
    { cause: error }
  );
}
async function mergeStep(o) {
  const client = registryClient(o);
  const hub = o.deleteSources && o.sources.some((s) => s.registry === DOCKER_HUB) && o.login?.registry === DOCKER_HUB ? new DockerHubClient({
    credentials: { username: o.login.username, password: o.login.password },
    baseUrl: o.hubApiUrl,
    retry: o.retry
  }) : void 0;
  const list = await group(
    "Merge",
    () => mergeManifests(client, {
      sources: o.sources,
      targets: o.targets,
      platforms: o.platforms,
      deleteSources: o.deleteSources,
      hub,
      dryRun: o.dryRun
    })
  ).catch((e) => {
    throw registryFailure(e, "merge");
  });
  const plan = o.dryRun ? list.targets.map(
    (t) => `write ${formatReference(t.ref)} \u2192 ${list.digest} (${list.entries.map((e) => platformString(e.platform)).join(", ")})`
  ) : [];
  return { step: "merge", list, operation: overall(list.targets), traffic: client.traffic, plan };
}
async function promoteStep(o) {
  const client = registryClient(o);
  const list = await group(
    "Promote",
    () => promoteManifest(client, {
      source: o.source,
      expectedDigest: o.expectedDigest,
      targets: o.targets,
      dryRun: o.dryRun
    })
  ).catch((e) => {
    throw registryFailure(e, "promote");
  });
  const plan = o.dryRun ? list.targets.map((t) => `copy ${formatReference(o.source)} (${list.digest}) \u2192 ${formatReference(t.ref)}`) : [];
  return { step: "promote", list, operation: overall(list.targets), traffic: client.traffic, plan };
}
function stepOutputs(r) {
  if (r.step === "build") {
    return {
      digest: r.digest ?? "",
      image: r.ref,
      tags: r.ref,
      "arch-digests": JSON.stringify(r.digest ? { [platformString(r.platform)]: r.digest } : {}),
      platforms: platformString(r.platform),
      operation: r.operation,
      "tests-passed": r.tests?.passed ?? 0,
      "tests-failed": r.tests?.failed ?? 0,
      "tests-timed-out": r.tests?.timedOut ?? 0,
      "cached-steps": r.build ? `${r.build.cachedSteps}/${r.build.steps}` : "",
      size: r.build?.size ?? 0,
      skipped: r.alreadyBuilt ? "true" : "false",
      "test-logs": r.tests?.logs ? r.tests.logs.failed.replace(/\/[^/]+$/, "") : ""
    };
  }
  const refs = r.list.targets.map((t) => formatReference(t.ref));
  return {
    digest: r.list.digest,
    image: refs[0] ? `${refs[0].replace(/:[^:/]+$/, "")}@${r.list.digest}` : "",
    tags: refs.join("\n"),
    "arch-digests": JSON.stringify(
      Object.fromEntries(r.list.entries.map((e) => [platformString(e.platform), e.digest]))
    ),
    platforms: r.list.entries.map((e) => platformString(e.platform)).join(","),
    operation: r.operation,
    "deleted-tags": r.list.deleted.filter((d) => d.result === "deleted").map((d) => formatReference(d.ref)).join("\n")
  };
}
function failIfNeeded(r) {
  if (r.step === "build" && r.failure) throw new ActionError(r.failure);
}
export {
  buildStep,
  failIfNeeded,
  findBuilt,
  mergeStep,
  promoteStep,
  stepOutputs,
  summaryMarkdown
};
