import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  debug,
  endGroup,
  error,
  getInput,
  group,
  info,
  notice,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunk-EF3Y6A4G.js";
import {
  ActionError,
  InputError,
  networkLimits,
  setNetworkLimits
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/action/context.ts
var fs = __toESM(require_fs(), 1);
function readContext(env = process.env) {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const ref = env.GITHUB_REF ?? "";
  const pr = payload.pull_request;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    ref,
    sha: env.GITHUB_SHA ?? "",
    repository: env.GITHUB_REPOSITORY ?? "",
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    serverUrl: env.GITHUB_SERVER_URL || "https://github.com",
    tag: ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : null,
    pullRequest: pr ? {
      number: Number(pr.number),
      title: String(pr.title ?? ""),
      draft: Boolean(pr.draft),
      baseRef: String(pr.base?.ref ?? ""),
      headRef: String(pr.head?.ref ?? "")
    } : null,
    payload,
    act: env.ACT === "true"
  };
}
function readPayload(eventPath) {
  if (!eventPath || !fs.existsSync(eventPath)) return {};
  const fix = 'The runner writes this file; if a step or act (--eventpath) provides it, give a JSON object such as {"ref": "refs/heads/main"}.';
  let text;
  try {
    text = fs.readFileSync(eventPath, "utf8");
  } catch (error3) {
    throw new ActionError(
      `The event payload GITHUB_EVENT_PATH (${eventPath}) cannot be read (${error3.code ?? String(error3)}). ${fix}`,
      { cause: error3 }
    );
  }
  let payload;
  try {
    payload = JSON.parse(text);
  } catch (error3) {
    const what = text.trim() ? "is not valid JSON" : "is empty";
    throw new ActionError(`The event payload GITHUB_EVENT_PATH (${eventPath}) ${what}. ${fix}`, { cause: error3 });
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new ActionError(`The event payload GITHUB_EVENT_PATH (${eventPath}) is not a JSON object. ${fix}`);
  }
  return payload;
}

// packages/core/src/action/paths.ts
var fs2 = __toESM(require_fs(), 1);
import * as path from "node:path";
function workspace() {
  return path.resolve(process.env.GITHUB_WORKSPACE || process.cwd());
}
function realPath(p) {
  const rest = [];
  let dir = path.resolve(p);
  for (; ; ) {
    try {
      return path.join(fs2.realpathSync.native(dir), ...rest);
    } catch (error3) {
      const code = error3.code;
      if (code === "ENOENT") {
        const link = readLink(dir);
        if (link !== null)
          return realPath(path.resolve(path.dirname(dir), link)) + (rest.length ? path.sep + path.join(...rest) : "");
      } else if (code !== "ENOTDIR") {
        throw error3;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return path.join(dir, ...rest);
      rest.unshift(path.basename(dir));
      dir = parent;
    }
  }
}
function readLink(p) {
  try {
    return fs2.readlinkSync(p);
  } catch {
    return null;
  }
}
function within(root, p) {
  const rel = path.relative(root, p);
  return rel === "" || !rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel);
}
function allowedRoots(options) {
  const roots = options.roots ?? [
    options.workspace ?? workspace(),
    ...options.allowRunnerTemp && process.env.RUNNER_TEMP ? [path.resolve(process.env.RUNNER_TEMP)] : []
  ];
  return roots.flatMap((r) => [path.resolve(r), realPath(r)]);
}
function outsideProblem(abs, options = {}) {
  const roots = allowedRoots(options);
  const where = options.roots ? "the allowed folder" : options.allowRunnerTemp ? "the workspace and RUNNER_TEMP" : "the workspace";
  if (!roots.some((r) => within(r, abs))) return `is outside ${where} (${abs})`;
  let real;
  try {
    real = realPath(abs);
  } catch (error3) {
    return `cannot be followed to a real path (${error3.code ?? String(error3)})`;
  }
  if (!roots.some((r) => within(r, real)))
    return `leads outside ${where}: it is, or goes through, a symbolic link to ${real}`;
  return null;
}
function describe(value, options) {
  const loc = options.location;
  const file = loc && (within(workspace(), path.resolve(loc.file)) ? path.relative(workspace(), path.resolve(loc.file)) : loc.file);
  const from = loc ? ` (${file}${loc.line ? ` line ${loc.line}` : ""})` : "";
  return `${options.label ?? JSON.stringify(value)}${from}`;
}
function resolveInside(input2, value, options = {}) {
  const abs = path.resolve(options.base ?? options.workspace ?? workspace(), value);
  const problem = outsideProblem(abs, options);
  const fixInside = options.allowRunnerTemp ? "Give a path inside the checked-out repository or RUNNER_TEMP; symbolic links may only point inside them." : "Give a path inside the checked-out repository; symbolic links may only point inside it.";
  if (problem) throw new InputError(input2, `${describe(value, options)} ${problem}`, fixInside, options.location);
  let stat;
  try {
    stat = fs2.statSync(abs);
  } catch {
    stat = null;
  }
  if (!stat) {
    if (options.mustExist)
      throw new InputError(
        input2,
        `${describe(value, options)} does not exist`,
        "Check the path, and that the step runs after actions/checkout.",
        options.location
      );
    return abs;
  }
  if (options.kind === "dir" && !stat.isDirectory())
    throw new InputError(
      input2,
      `${describe(value, options)} is not a folder`,
      "Give the path of a folder.",
      options.location
    );
  if (options.kind === "file" && !stat.isFile())
    throw new InputError(
      input2,
      `${describe(value, options)} is not a file`,
      "Give the path of a file.",
      options.location
    );
  return abs;
}
function globInside(input2, pattern, options) {
  const out = [];
  for (const rel of fs2.globSync(pattern, { cwd: options.base })) {
    const abs = resolveInside(input2, rel, {
      ...options,
      label: `"${pattern}" matches ${JSON.stringify(rel)}, which`,
      mustExist: true
    });
    if (fs2.statSync(abs).isFile()) out.push(abs);
  }
  return out;
}

// packages/core/src/action/inputs.ts
function input(name) {
  return getInput(name);
}
function requiredInput(name, fix) {
  return requiredValue(name, input(name), fix);
}
function enumInput(name, allowed, fallback) {
  return enumValue(name, input(name) || fallback, allowed);
}
function booleanInput(name, fallback = false) {
  return booleanValue(name, input(name), fallback);
}
function integerInput(name, fallback, range = {}) {
  const value = input(name);
  return value === "" ? fallback : integerValue(name, value, range);
}
function listInput(name, options = {}) {
  return listValue(input(name), options);
}
function keyValueInput(name) {
  return keyValueValue(name, input(name));
}
function branchInput(name, fallback = "") {
  const value = input(name);
  return value ? branchName(name, value) : fallback;
}
function pathInput(name, options = {}) {
  return pathValue(name, input(name) || options.fallback || "", options);
}
function isBranchName(name) {
  return /^(?!\/|-|.*\.\.|.*\/\/|.*@\{|.*\.lock(\/|$)|.*\/\.|\.)[^\0-\x20\x7f~^:?*[\\]+(?<![/.])$/.test(name);
}
function branchName(input2, value) {
  const branch = value.replace(/^refs\/heads\//, "");
  if (!isBranchName(branch)) {
    throw new InputError(
      input2,
      `${JSON.stringify(value)} is not a valid branch name`,
      "Give a branch name such as main or dev (a refs/heads/ prefix is dropped)."
    );
  }
  return branch;
}
function requiredValue(name, value, fix) {
  if (!value) throw new InputError(name, "is required but empty", fix);
  return value;
}
function enumValue(name, value, allowed) {
  if (value === void 0 || value === "")
    throw new InputError(name, "is required but empty", `Use one of: ${allowed.join(", ")}.`);
  if (!allowed.includes(value)) {
    throw new InputError(name, `unknown value ${JSON.stringify(value)}`, `Use one of: ${allowed.join(", ")}.`);
  }
  return value;
}
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE"];
function booleanValue(name, value, fallback) {
  if (value === "") return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, `${JSON.stringify(value)} is not a boolean`, "Use true or false.");
}
function integerValue(name, value, range) {
  const n = Number(value);
  const { min = -Infinity, max = Infinity } = range;
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    const bounds = [Number.isFinite(min) ? `at least ${min}` : "", Number.isFinite(max) ? `at most ${max}` : ""].filter(Boolean).join(" and ");
    throw new InputError(
      name,
      `${JSON.stringify(value)} is not a whole number${bounds ? ` ${bounds}` : ""}`,
      `Give a whole number${bounds ? ` ${bounds}` : ""}.`
    );
  }
  return n;
}
function listValue(value, options) {
  return value.split(options.commas === false ? /\r?\n/ : /[\r\n,]/).map((s) => s.trim()).filter(Boolean);
}
function keyValueValue(name, value) {
  const out = {};
  for (const line of listValue(value, { commas: false })) {
    const eq = line.indexOf("=");
    if (eq <= 0)
      throw new InputError(name, `line ${JSON.stringify(line)} is not KEY=VALUE`, "Write one KEY=VALUE a line.");
    out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}
function pathValue(name, value, options) {
  if (!value) throw new InputError(name, "is required but empty", "Give a path relative to the workspace.");
  return resolveInside(name, value, options);
}
function inputReader(spec) {
  const raw = (name) => input(name) || spec[name]?.default || "";
  return {
    /** The text as given, or the action.yml default; '' when neither. */
    text: raw,
    /**
     * The text as given, even empty, where an empty value means "none" (no prune label, no branch
     * prefix); the default only when there is no INPUT_* variable at all (the bundle started bare).
     */
    textAsGiven: (name) => process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] === void 0 ? spec[name]?.default ?? "" : input(name),
    required: (name, fix) => requiredValue(name, raw(name), fix),
    choice: (name, allowed) => enumValue(name, raw(name), allowed),
    /** One of the allowed values, or the fallback (computed at run time) when the input and its default are empty. */
    choiceOr: (name, allowed, fallback) => enumValue(name, raw(name) || fallback, allowed),
    /** true or false; false when the input and its default are empty. */
    boolean: (name) => booleanValue(name, raw(name), false),
    /** true or false, or the fallback (computed at run time) when the input and its default are empty. */
    booleanOr: (name, fallback) => booleanValue(name, raw(name), fallback),
    integer: (name, range = {}) => integerValue(name, requiredValue(name, raw(name), "Give a whole number."), range),
    list: (name, options = {}) => listValue(raw(name), options),
    keyValue: (name) => keyValueValue(name, raw(name)),
    branch: (name) => raw(name) ? branchName(name, raw(name)) : "",
    /** A branch name, or the fallback (computed at run time) when the input and its default are empty. */
    branchOr: (name, fallback) => raw(name) ? branchName(name, raw(name)) : fallback,
    path: (name, options = {}) => pathValue(name, raw(name), options),
    /** A path, or the fallback (computed at run time) when the input and its default are empty. */
    pathOr: (name, fallback, options = {}) => pathValue(name, raw(name) || fallback, options)
  };
}
function applyNetworkTimeoutInput(name = "network-timeout") {
  setNetworkLimits({
    stallSeconds: integerInput(name, networkLimits().stallSeconds, { min: 1, max: 21600 }),
    input: name
  });
}

// packages/core/src/action/run.ts
import * as path2 from "node:path";
var ISSUES_URL = "https://github.com/exegol/actions/issues";
function annotationPath(file) {
  const rel = path2.relative(workspace(), path2.resolve(workspace(), file));
  return rel.split(path2.sep).join("/");
}
function reportError(error3, title) {
  if (error3 instanceof ActionError) {
    const loc = error3.location;
    error(error3.message, {
      title,
      file: loc ? annotationPath(loc.file) : void 0,
      startLine: loc?.line,
      startColumn: loc?.column
    });
    return;
  }
  const err = error3 instanceof Error ? error3 : new Error(String(error3));
  debug(err.stack ?? err.message);
  const what = err.name === "CommandError" ? `${err.command} failed: ${err.reason}` : err.message.split("\n")[0];
  error(
    `Unexpected error: ${what}. This is a bug in the action: please report it at ${ISSUES_URL} with this log (re-run the job with debug logging for the stack trace).`,
    { title }
  );
}
async function runAction(name, main) {
  try {
    applyNetworkTimeoutInput();
    await main();
  } catch (error3) {
    reportError(error3, name);
    process.exitCode = 1;
  }
}

// packages/core/src/action/log.ts
var COMMAND_START = /^(\s*)(::)/;
var OLD_COMMAND = /##\[/g;
function defuseLine(line) {
  return line.replace(COMMAND_START, "$1\\$2").replace(OLD_COMMAND, "##\u200B[");
}
function logText(text) {
  return text.split(/\r\n|\r|\n/).map(defuseLine).join("\n");
}
function oneLine(value) {
  const shown = value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
    switch (c) {
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "	":
        return "\\t";
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
    }
  });
  return defuseLine(shown);
}
function info2(message) {
  info(logText(message));
}
function warning2(message, props) {
  warning(message, props);
}
function error2(message, props) {
  error(message, props);
}
function notice2(message, props) {
  notice(message, props);
}
function debug2(message) {
  debug(message);
}
function group2(name, fn) {
  return group(name, fn);
}
function startGroup2(name) {
  startGroup(name);
}
function endGroup2() {
  endGroup();
}
function mdText(text) {
  return oneLine(text).replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/^(\s*)(#|>|[-+=](?=\s|$)|\d+[.)](?=\s|$))/, "$1\\$2");
}
function mdCode(text) {
  const value = oneLine(text);
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") || value === "" ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}
function mdCell(markdown) {
  return markdown.replace(/\r\n|\r|\n/g, "<br>").replace(/(?<!\\)\|/g, "\\|");
}
function mdBlock(text, lang = "") {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text.replace(/\r\n?/g, "\n").replace(/\n$/, "")}
${fence}`;
}
function maskSecret(value) {
  if (!value) return;
  setSecret(value);
  for (const line of value.split("\n").map((l) => l.trim()))
    if (line !== value && line.length >= 8 && !line.startsWith("-----")) setSecret(line);
}

// packages/core/src/action/summary.ts
var ICON = { pass: "\u2705 pass", fail: "\u274C fail", warn: "\u26A0\uFE0F warn", skip: "\u23ED\uFE0F skip" };
function annotateChecks(checks, title) {
  for (const c of checks) {
    if (c.status !== "fail" && c.status !== "warn") continue;
    const props = {
      title: `${title}: ${c.title}`,
      file: c.location ? annotationPath(c.location.file) : void 0,
      startLine: c.location?.line,
      startColumn: c.location?.column
    };
    if (c.status === "fail") error2(c.detail, props);
    else warning2(c.detail, props);
  }
}
function checksTable(checks) {
  const rows = checks.map((c) => {
    const where = c.location ? mdCode(`${annotationPath(c.location.file)}${c.location.line ? `:${c.location.line}` : ""}`) : "";
    return `| ${mdCell(mdText(c.title))} | ${ICON[c.status]} | ${mdCell(mdText(c.detail))} | ${mdCell(where)} |`;
  });
  return ["| Check | Result | Detail | Where |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
function keyValueTable(rows) {
  const lines = Object.entries(rows).filter(([, v]) => v !== void 0 && v !== "").map(([k, v]) => `| ${mdCell(mdText(k))} | ${mdCell(mdCode(String(v)))} |`);
  return ["| | |", "| --- | --- |", ...lines].join("\n");
}
async function writeSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await summary.addRaw(markdown, true).write();
}
function setOutputs(outputs) {
  for (const [k, v] of Object.entries(outputs)) setOutput(k, String(v));
}

// packages/core/src/action/preflight.ts
var fs3 = __toESM(require_fs(), 1);
import * as path3 from "node:path";
var MIB = 1024 * 1024;
var RUNNER_FILE_FREE = 64 * 1024;
function formatBytes(n) {
  if (n >= MIB) return `${(n / MIB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}
function freeBytes(p) {
  try {
    const s = fs3.statfsSync(p);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}
function reason(error3) {
  const e = error3;
  switch (e.code) {
    case "EROFS":
      return "it is on a read-only file system";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOENT":
      return "its folder does not exist";
    case "ENOTDIR":
      return "a part of its path is not a folder";
    case "ENOSPC":
      return "the disk is full";
    default:
      return e.code ?? String(error3);
  }
}
function checkRunnerFiles(env = process.env) {
  for (const name of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"]) {
    const file = env[name];
    if (!file) continue;
    const fix = `The runner creates this file for each step: check that no earlier step removed, replaced or re-mounted it (under act, that ${name} points to a writable file).`;
    try {
      fs3.closeSync(fs3.openSync(file, "a"));
    } catch (error3) {
      throw new ActionError(`${name} (${file}) cannot be written: ${reason(error3)}. Nothing was changed. ${fix}`, {
        cause: error3
      });
    }
    const free = freeBytes(file);
    if (free !== null && free < RUNNER_FILE_FREE) {
      throw new ActionError(
        `${name} (${file}) cannot be written: only ${formatBytes(free)} free on its disk, ${formatBytes(RUNNER_FILE_FREE)} needed. Nothing was changed. Free disk space on the runner before this step.`
      );
    }
  }
}
function checkWritable(place) {
  const { input: input2, dir, what } = place;
  const need = place.minFreeBytes ?? MIB;
  try {
    fs3.rmdirSync(fs3.mkdtempSync(path3.join(dir, ".preflight-")));
  } catch (error3) {
    throw new InputError(
      input2,
      `${dir} cannot be written (${reason(error3)}), and the action writes ${what} there`,
      "Check out into a writable folder (the default workspace is), or point the input at one. Nothing was changed."
    );
  }
  const free = freeBytes(dir);
  if (free !== null && free < need) {
    throw new InputError(
      input2,
      `only ${formatBytes(free)} free on the disk of ${dir}, and the action writes ${what} there (needs at least ${formatBytes(need)})`,
      "Free disk space on the runner before this step (build output, Docker images, caches). Nothing was changed."
    );
  }
}
function checkCheckout(dir, env = process.env) {
  if (env.GIT_DIR) return;
  for (let d = path3.resolve(dir); ; d = path3.dirname(d)) {
    if (fs3.existsSync(path3.join(d, ".git"))) return;
    if (path3.dirname(d) === d) break;
  }
  throw new ActionError(
    `${dir} is not a git work tree (no .git in it or in any folder above it). Add an actions/checkout step before this one, or point working-directory at the checked-out repository.`
  );
}
function preflight(options = {}) {
  checkRunnerFiles();
  for (const place of options.writes ?? []) checkWritable(place);
}

export {
  readContext,
  workspace,
  realPath,
  outsideProblem,
  resolveInside,
  globInside,
  input,
  requiredInput,
  enumInput,
  booleanInput,
  integerInput,
  listInput,
  keyValueInput,
  branchInput,
  pathInput,
  isBranchName,
  branchName,
  inputReader,
  applyNetworkTimeoutInput,
  ISSUES_URL,
  annotationPath,
  reportError,
  runAction,
  logText,
  oneLine,
  info2 as info,
  warning2 as warning,
  error2 as error,
  notice2 as notice,
  debug2 as debug,
  group2 as group,
  startGroup2 as startGroup,
  endGroup2 as endGroup,
  mdText,
  mdCode,
  mdCell,
  mdBlock,
  maskSecret,
  annotateChecks,
  checksTable,
  keyValueTable,
  writeSummary,
  setOutputs,
  checkRunnerFiles,
  checkWritable,
  checkCheckout,
  preflight
};
