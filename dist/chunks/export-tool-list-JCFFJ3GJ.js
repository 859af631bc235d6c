import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  lastLine,
  shortSha
} from "./chunk-GHLILGNZ.js";
import {
  VersionError,
  highestVersionTag,
  parseVersion,
  tryParseVersion
} from "./chunk-KOIZJGE4.js";
import {
  ACTIONS_IDENTITY,
  Git,
  authConfig,
  unauthorizedPushFix,
  writeSshKeyFile
} from "./chunk-WASA436V.js";
import {
  CommandError,
  reasonLine,
  run
} from "./chunk-2VELUGMP.js";
import {
  IndexFileError,
  ListFileError,
  checkList,
  compareNames,
  decodeUtf8,
  namesInList,
  renderList,
  updateIndex
} from "./chunk-FNNACHVN.js";
import {
  oneLine,
  resolveInside,
  workspace
} from "./chunk-44VCN7XQ.js";
import "./chunk-EF3Y6A4G.js";
import {
  ActionError,
  InputError,
  describeDockerLimit,
  dockerIdleMs,
  stallAdvice
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/export-tool-list/index.ts
import * as os from "node:os";

// packages/core/src/export-tool-list/docs-tree.ts
var fs = __toESM(require_fs(), 1);
import * as path from "node:path";
function docsFile(docs, rel) {
  return resolveInside("docs-path", rel, { base: docs, label: `${JSON.stringify(rel)} in docs-path` });
}
function docsReader(docs) {
  return (rel) => {
    const file = docsFile(docs, rel);
    if (!fs.existsSync(file)) return null;
    try {
      return decodeUtf8(fs.readFileSync(file));
    } catch (error) {
      if (error instanceof ListFileError)
        throw new ActionError(`${rel} in docs-path ${error.message}.`, { location: { file, line: error.line } });
      throw error;
    }
  };
}
function writePlan(docs, plan) {
  for (const f of plan.files) {
    if (f.before === f.after) continue;
    const file = docsFile(docs, f.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, f.after);
  }
}

// packages/core/src/export-tool-list/plan.ts
var fs3 = __toESM(require_fs(), 1);
import * as path4 from "node:path";

// packages/core/src/export-tool-list/source.ts
var fs2 = __toESM(require_fs(), 1);
import * as path2 from "node:path";
function failureDetail(error) {
  const text = error instanceof CommandError ? (error.result.stderr || error.result.stdout).trim() : String(error);
  return text.split("\n").slice(-3).join(" ");
}
async function copyFromImage(image, file, dest) {
  let id;
  try {
    id = (await run("docker", ["create", image, "true"], { idleTimeoutMs: dockerIdleMs() })).stdout.trim();
  } catch (error) {
    if (error instanceof CommandError && error.result.idle) {
      throw new ActionError(
        `Pulling ${image} stalled: docker printed nothing for ${describeDockerLimit()}. ${stallAdvice()}`
      );
    }
    const detail = failureDetail(error);
    if (/Cannot connect to the Docker daemon|docker: not found|ENOENT|Unable to locate executable/i.test(detail)) {
      throw new InputError(
        "image",
        `needs a Docker engine, and there is none here (${detail})`,
        "Run on a runner with Docker, or export the file in an earlier step and give its path as tools-csv."
      );
    }
    throw new InputError(
      "image",
      `${JSON.stringify(image)} cannot be used: ${detail}`,
      "Give an image reference that exists locally or in a registry the runner can pull from (build or pull it in an earlier step)."
    );
  }
  try {
    const copied = await run("docker", ["cp", "--follow-link", `${id}:${file}`, dest], { allowFailure: true });
    if (copied.code !== 0) {
      const detail = (copied.stderr || copied.stdout).trim();
      throw new InputError(
        "image-path",
        `${JSON.stringify(file)} is not in image ${image} (${detail.split("\n").pop()})`,
        "Check that the image installs its tools list there, or set image-path."
      );
    }
    if (!fs2.statSync(dest).isFile()) {
      throw new InputError(
        "image-path",
        `${JSON.stringify(file)} is a folder in image ${image}`,
        "Give the path of the CSV file itself."
      );
    }
    const inspect = await run("docker", ["inspect", "--format", "{{json .Config.Labels}}", id]);
    const labels = JSON.parse(inspect.stdout.trim() || "null") ?? {};
    return { labels };
  } finally {
    await run("docker", ["rm", "--force", id], { allowFailure: true });
  }
}
async function readSource(source, tempDir) {
  if (source.kind === "file") {
    if (!fs2.existsSync(source.file))
      throw new InputError(
        source.input,
        `${source.file} does not exist`,
        "Give the path of the CSV file, relative to the workspace."
      );
    if (!fs2.statSync(source.file).isFile())
      throw new InputError(source.input, `${source.file} is not a file`, "Give the path of the CSV file itself.");
    return { bytes: fs2.readFileSync(source.file), labels: {}, describe: source.file };
  }
  const dir = fs2.mkdtempSync(path2.join(tempDir, "export-tool-list-"));
  try {
    const dest = path2.join(dir, path2.posix.basename(source.path) || "list.csv");
    const { labels } = await copyFromImage(source.image, source.path, dest);
    if (fs2.lstatSync(dest).isSymbolicLink()) {
      resolveInside("image-path", dest, {
        roots: [dir],
        label: `${JSON.stringify(source.path)} in image ${source.image}`,
        mustExist: true
      });
    }
    return { bytes: fs2.readFileSync(dest), labels, describe: `${source.image}:${source.path}` };
  } finally {
    fs2.rmSync(dir, { recursive: true, force: true });
  }
}

// packages/core/src/export-tool-list/target.ts
import * as path3 from "node:path";
var DEFAULT_TOOLS_DIR = "docs/src/public/installed_tools";
var DEFAULT_LIST_FILE = {
  release: "lists/{profile}_{version}_{arch}.csv",
  nightly: "lists/latest_nightly_{arch}.csv"
};
var DEFAULT_INDEX_FILE = {
  release: "releases_{arch}.csv",
  nightly: "nightly.csv"
};
var PROFILE = /^[a-z0-9][a-z0-9._-]*$/;
var ARCH = /^[a-z0-9][a-z0-9_]*$/;
var COMMIT = /^[0-9a-f]{8,40}$/i;
var PLACEHOLDER = /\{([a-z]+)\}/g;
function normalizeBuildDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim());
  if (!m) return null;
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms)) return null;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (day.getUTCDate() !== Number(m[3]) || day.getUTCMonth() + 1 !== Number(m[2])) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function fillTemplate(input, template, values) {
  const filled = template.replace(PLACEHOLDER, (all, name) => {
    if (!(name in values))
      throw new InputError(
        input,
        `${JSON.stringify(template)} uses the unknown placeholder ${all}`,
        `Use ${Object.keys(values).map((k) => `{${k}}`).join(", ")}.`
      );
    return values[name];
  });
  const normalized = path3.posix.normalize(filled);
  if (path3.posix.isAbsolute(normalized) || normalized.startsWith("..") || !normalized.endsWith(".csv")) {
    throw new InputError(
      input,
      `${JSON.stringify(template)} gives ${JSON.stringify(filled)}`,
      "Give a relative path to a .csv file inside the tools folder."
    );
  }
  return normalized;
}
function insideDocs(input, rel) {
  const normalized = path3.posix.normalize(rel.replace(/\\/g, "/")).replace(/\/$/, "");
  if (!normalized || path3.posix.isAbsolute(normalized) || normalized === ".." || normalized.startsWith("../")) {
    throw new InputError(
      input,
      `${JSON.stringify(rel)} is not a path inside the docs checkout`,
      "Give a path relative to docs-path."
    );
  }
  return normalized;
}
function resolveToolsTarget(t) {
  const channel = t.channel;
  let profile = t.profile.trim();
  let version = t.version.trim();
  if (channel === "nightly") {
    if (profile && profile !== "nightly") {
      throw new InputError(
        "profile",
        `is ${JSON.stringify(profile)} on the nightly channel, whose lists are per arch only`,
        "Leave profile empty (or nightly) for nightly builds."
      );
    }
    profile = "nightly";
    if (!COMMIT.test(version)) {
      throw new InputError(
        "version",
        `${JSON.stringify(version)} is not a commit`,
        "On the nightly channel give the commit the image was built from (at least 8 hex characters, e.g. ${{ github.sha }})."
      );
    }
    version = version.slice(0, 8).toLowerCase();
  } else {
    if (!profile)
      throw new InputError(
        "profile",
        "is required on the release channel",
        "Give the image profile: full, ad, light, osint, web\u2026"
      );
    if (!PROFILE.test(profile) || profile === "nightly") {
      throw new InputError(
        "profile",
        `${JSON.stringify(profile)} is not an image profile`,
        "Use lower-case letters, digits, dots, dashes or underscores (full, ad, light, osint, web\u2026); nightly builds use channel: nightly."
      );
    }
    if (!version) throw new InputError("version", "is required", "Give the release version, e.g. 3.1.18.");
    try {
      const v = parseVersion(version);
      if (v.normalized !== version)
        throw new VersionError(`${JSON.stringify(version)} is not written canonically: write ${v.normalized}`);
    } catch (error) {
      if (!(error instanceof VersionError)) throw error;
      throw new InputError(
        "version",
        `${error.message}`,
        "Give the release version as the images repository tags it, e.g. 3.1.18 (no v prefix)."
      );
    }
  }
  const arch = t.arch.trim();
  if (!ARCH.test(arch))
    throw new InputError(
      "arch",
      `${JSON.stringify(arch)} is not an architecture`,
      "Use the Docker architecture name: amd64 or arm64."
    );
  const toolsDir = insideDocs("tools-dir", t.toolsDir || DEFAULT_TOOLS_DIR);
  const values = { profile, version, arch };
  const listTemplate = t.listFile || DEFAULT_LIST_FILE[channel];
  const listInToolsDir = fillTemplate("list-file", listTemplate, values);
  const indexInToolsDir = fillTemplate("index-file", t.indexFile || DEFAULT_INDEX_FILE[channel], values);
  if (listInToolsDir === indexInToolsDir)
    throw new InputError(
      "list-file",
      `and index-file are the same file (${listInToolsDir})`,
      "Give them different paths."
    );
  const prefix = t.linkPrefix.endsWith("/") ? t.linkPrefix : `${t.linkPrefix}/`;
  return {
    channel,
    profile,
    version,
    arch,
    key: `${profile}_${version}_${arch}`,
    toolsDir,
    listPath: path3.posix.join(toolsDir, listInToolsDir),
    indexPath: path3.posix.join(toolsDir, indexInToolsDir),
    listInToolsDir,
    link: `${prefix}${listInToolsDir}`,
    listPathFor: (other) => path3.posix.join(toolsDir, fillTemplate("list-file", listTemplate, { ...values, version: other }))
  };
}
function indexEntry(target, buildDate) {
  return { profile: target.profile, version: target.version, arch: target.arch, buildDate, link: target.link };
}

// packages/core/src/export-tool-list/plan.ts
var InvalidRowsError = class extends ActionError {
  constructor(listInput, problems, file, describe) {
    super(
      `Input "${listInput}": ${describe} has ${problems.length} invalid row${problems.length === 1 ? "" : "s"}. Fix them, or set invalid-rows: drop to publish without them.`,
      { input: listInput }
    );
    this.listInput = listInput;
    this.problems = problems;
    this.file = file;
    this.describe = describe;
    this.name = "InvalidRowsError";
  }
  listInput;
  problems;
  file;
  describe;
  /** One message per row, naming the input and the line. */
  messageFor(p) {
    return `Input "${this.listInput}": line ${p.line} ${p.problem}. Fix the row, or set invalid-rows: drop to publish without it.`;
  }
};
async function readCheckedSource(opts, tempDir, log) {
  const target = opts.list === "tools" ? resolveToolsTarget(opts.tools) : null;
  const resourcesPath = opts.list === "resources" ? insideDocs("resources-file", opts.resourcesFile) : null;
  if (!fs3.existsSync(opts.docs) || !fs3.statSync(opts.docs).isDirectory()) {
    throw new InputError(
      "docs-path",
      `${opts.docs} is not a folder`,
      "Check out the docs repository first (actions/checkout with path:) and give that path."
    );
  }
  const source = await readSource(opts.source, tempDir);
  const shownSource = opts.source.kind === "file" && !path4.relative(workspace(), source.describe).startsWith("..") ? path4.relative(workspace(), source.describe) : source.describe;
  log(`Read ${source.bytes.length} bytes from ${oneLine(shownSource)}`);
  const buildDate = target ? buildDateOf(opts.tools, source.labels) : null;
  const checked = await checkSource(opts, source);
  log(`${checked.names.length} rows, ${checked.duplicateCount} duplicate(s), ${checked.invalid.length} invalid`);
  return {
    key: target?.key ?? "resources",
    target,
    resourcesPath,
    checked,
    content: renderList(checked),
    buildDate,
    commitMessage: target ? `PIPELINE: tools list for ${target.key}` : "PIPELINE: resources list"
  };
}
function buildDateOf(tools, labels) {
  const given = tools.buildDate.trim();
  const raw = given || (labels["org.exegol.build_date"] ?? "");
  if (!raw)
    throw new InputError(
      "build-date",
      "is required",
      "Give the image build date in ISO-8601 UTC, e.g. 2026-06-24T20:45:25Z (images built with the org.exegol.build_date label supply it)."
    );
  const buildDate = normalizeBuildDate(raw);
  if (!buildDate) {
    throw new InputError(
      given ? "build-date" : "image",
      `${JSON.stringify(raw)}${given ? "" : " (label org.exegol.build_date)"} is not an ISO-8601 date-time with a time zone`,
      "Give it like 2026-06-24T20:45:25Z."
    );
  }
  return buildDate;
}
async function checkSource(opts, source) {
  const input = opts.source.kind === "file" ? opts.source.input : "image";
  const file = opts.source.kind === "file" ? opts.source.file : void 0;
  const location = (line) => file === void 0 ? void 0 : { file, line };
  const where = opts.source.kind === "image" ? `${source.describe}: ` : "";
  let checked;
  try {
    checked = await checkList(decodeUtf8(source.bytes), opts.header, { allowEmptyLink: opts.allowEmptyLinks });
  } catch (error) {
    if (error instanceof ListFileError) {
      throw new InputError(
        input,
        `${where}${error.message}`,
        opts.source.kind === "image" ? "Fix the list the image build writes." : "Fix the file.",
        location(error.line)
      );
    }
    throw error;
  }
  if (checked.invalid.length && opts.invalidRows === "fail")
    throw new InvalidRowsError(input, checked.invalid, file, source.describe);
  if (checked.names.length === 0) {
    throw new InputError(
      input,
      `${where}has no valid rows (${checked.invalid.length} invalid)`,
      "Publishing an empty list would hide every tool: fix the list.",
      location(1)
    );
  }
  return checked;
}
async function planFiles(src, read, docs) {
  const { target, content } = src;
  if (!target) {
    const resourcesPath = src.resourcesPath;
    const before = read(resourcesPath);
    return {
      files: [{ path: resourcesPath, before, after: content }],
      changed: before !== content,
      replacedRows: [],
      previous: before === null ? null : { label: "the published resources list", path: resourcesPath, names: await namesInList(before) }
    };
  }
  const indexBefore = read(target.indexPath);
  let update;
  try {
    update = await updateIndex(target.channel, indexBefore, indexEntry(target, src.buildDate));
  } catch (error) {
    if (error instanceof IndexFileError) {
      throw new ActionError(
        `The index ${target.indexPath} in docs-path ${error.message}. Fix the index in the docs repository, or set index-file.`,
        { location: { file: path4.join(docs, target.indexPath), line: error.line } }
      );
    }
    throw error;
  }
  const listBefore = read(target.listPath);
  return {
    files: [
      { path: target.listPath, before: listBefore, after: content },
      { path: target.indexPath, before: indexBefore, after: update.text }
    ],
    changed: listBefore !== content || update.changed,
    replacedRows: update.replaced,
    previous: await previousList(target, update.before, listBefore, read)
  };
}
function summarize(src, plan) {
  const { added, removed } = plan.previous ? compareNames(plan.previous.names, src.checked.names, src.checked.keys) : { added: [], removed: [] };
  return {
    changed: plan.changed,
    files: plan.files.map((f) => ({
      path: f.path,
      status: f.before === null ? "created" : f.before === f.after ? "unchanged" : "updated"
    })),
    replacedRows: plan.replacedRows,
    previous: plan.previous && { label: plan.previous.label, path: plan.previous.path },
    added,
    removed
  };
}
async function previousList(target, index, listBefore, read) {
  if (target.channel === "nightly") {
    return listBefore === null ? null : { label: `the previous nightly list`, path: target.listPath, names: await namesInList(listBefore) };
  }
  const version = index && highestLowerVersion(index, target.profile, target.version);
  if (!version) return null;
  const file = target.listPathFor(version);
  const text = read(file);
  return text === null ? null : { label: `${target.profile} ${version}`, path: file, names: await namesInList(text) };
}
function highestLowerVersion(index, profile, version) {
  const current = tryParseVersion(version);
  if (!current) return null;
  const published = index.rows.filter((row) => row.key?.[0] === profile).map((row) => row.key?.[1] ?? "");
  return highestVersionTag({ anyTag: published }, { below: current })?.tag ?? null;
}
async function diffOf(plan, tempDir) {
  const dir = fs3.mkdtempSync(path4.join(tempDir, "export-tool-list-diff-"));
  try {
    for (const f of plan.files) {
      if (f.before !== null) {
        fs3.mkdirSync(path4.dirname(path4.join(dir, "a", f.path)), { recursive: true });
        fs3.writeFileSync(path4.join(dir, "a", f.path), f.before);
      }
      fs3.mkdirSync(path4.dirname(path4.join(dir, "b", f.path)), { recursive: true });
      fs3.writeFileSync(path4.join(dir, "b", f.path), f.after);
    }
    fs3.mkdirSync(path4.join(dir, "a"), { recursive: true });
    return await Git.at(dir).diffNoIndex("a", "b");
  } finally {
    fs3.rmSync(dir, { recursive: true, force: true });
  }
}

// packages/core/src/export-tool-list/publish.ts
import * as path5 from "node:path";
async function publish(opts, src, tempDir, log) {
  const sshKey = opts.auth?.sshKey ? writeSshKeyFile(opts.auth.sshKey, tempDir) : void 0;
  try {
    const git = await openDocs(opts.docs, {
      token: opts.auth?.token,
      serverUrl: opts.auth?.serverUrl,
      sshKeyFile: sshKey?.file
    });
    const pullRequestTarget = opts.publish === "pull-request" ? await pullRequestTargetOf(git, opts, src.target) : null;
    if (!await git.isClean()) {
      throw new InputError(
        "docs-path",
        `${opts.docs} has uncommitted changes to tracked files`,
        "Give a fresh checkout of the docs repository: the action commits there and may move it to the branch it publishes to."
      );
    }
    const shallow = await git.isShallow();
    const tip = await fetchBaseBranch(git, opts.branch, shallow);
    const publication = { opts, src, git, tip, shallow, log };
    return pullRequestTarget ? await publishByPullRequest(publication, pullRequestTarget) : await publishByPush(publication);
  } finally {
    sshKey?.remove();
  }
}
async function fetchBaseBranch(git, branch, shallow) {
  const tip = await git.fetchBranch(branch, { depth: shallow ? 1 : void 0 }).catch((error) => {
    throw new ActionError(
      `Could not fetch ${branch} from the docs repository: ${lastLine(error instanceof Error ? error.message : String(error))}. Check that the token (or ssh-key, or the credentials the checkout kept) can read and push the docs repository.`,
      { cause: error }
    );
  });
  if (!tip)
    throw new InputError(
      "branch",
      `the docs repository has no branch ${JSON.stringify(branch)}`,
      "Create it, or publish to an existing branch."
    );
  return tip;
}
async function commitPlan(p) {
  const { opts, src, git } = p;
  const plan = await planFiles(src, docsReader(opts.docs), opts.docs);
  if (!plan.changed) return { plan, sha: null };
  writePlan(opts.docs, plan);
  const toRepo = (rel) => path5.relative(git.dir, path5.join(opts.docs, rel)).split(path5.sep).join("/");
  const paths = plan.files.map((f) => toRepo(f.path));
  return { plan, sha: await git.commit(src.commitMessage, opts.identity ?? ACTIONS_IDENTITY, paths) };
}
async function publishByPush(p) {
  const { opts, git, tip, log } = p;
  const branch = opts.branch;
  if (await git.head() !== tip) {
    log(`Moving the docs checkout to ${branch} (${shortSha(tip)})`);
    await git.checkout(tip, { branch });
  }
  let { plan } = await commitPlan(p);
  if (!plan.changed) return { plan, operation: "unchanged", commitSha: tip };
  const outcome = await git.pushReplaying(
    branch,
    async () => {
      log(`${branch} moved: applying the change again on its new tip`);
      const again = await commitPlan(p);
      plan = again.plan;
      return again.sha;
    },
    { attempts: opts.attempts ?? 3 }
  );
  if (outcome.pushed) return { plan, operation: "pushed", commitSha: outcome.sha, pushAttempts: outcome.attempts };
  if (outcome.reason === "superseded")
    return { plan, operation: "unchanged", commitSha: await git.head(), pushAttempts: outcome.attempts };
  throw pushFailure(branch, outcome);
}
function pushFailure(branch, outcome) {
  if (outcome.reason === "unauthorized") {
    return new ActionError(
      `Pushing to ${branch} of the docs repository was refused: ${reasonLine(outcome.message)}. ${unauthorizedPushFix("token")} (or give ssh-key)`,
      { input: "token" }
    );
  }
  if (outcome.reason === "protected") {
    return new ActionError(
      `${branch} of the docs repository refuses direct pushes (branch protection): ${lastLine(outcome.message)}. Set publish: pull-request, or allow the token or deploy key to push.`,
      { input: "publish" }
    );
  }
  return new ActionError(
    `Pushing to ${branch} failed after ${outcome.attempts} attempt(s): ${lastLine(outcome.message)}. Re-run the job; if ${branch} keeps moving, raise push-attempts.`
  );
}
async function publishByPullRequest(p, { head, repository }) {
  const { src, git, tip } = p;
  await git.checkout(tip, { branch: head });
  const { plan, sha } = await commitPlan(p);
  if (!plan.changed) return { plan, operation: "unchanged", commitSha: tip };
  const remoteHead = await git.fetchBranch(head, { depth: p.shallow ? 1 : void 0 });
  let pushed = false;
  if (!remoteHead || await git.treeOf(remoteHead) !== await git.treeOf(sha)) {
    const outcome = await git.pushBranch("HEAD", head, { lease: remoteHead });
    if (!outcome.pushed)
      throw new ActionError(
        `Pushing the pull request branch ${head} failed: ${lastLine(outcome.message)}. Re-run the job; if it keeps failing, check that the token or deploy key may push branches.`
      );
    pushed = true;
  }
  const github = await import("./github-3AKPDCHU.js");
  const opened = await github.completingPullRequest(
    head,
    () => openPullRequest(p, { head, repository }, pullRequestBody(src, summarize(src, plan)))
  );
  return {
    plan,
    operation: opened.operation === "created" ? "pull-request-created" : pushed || opened.operation === "updated" ? "pull-request-updated" : "unchanged",
    commitSha: pushed ? sha : remoteHead,
    pullRequest: { number: opened.number, url: opened.url },
    ...!pushed && opened.operation === "created" ? { completed: github.completedNote(head, opened.number) } : {}
  };
}
async function openPullRequest({ opts, src }, { head, repository }, body) {
  const github = await import("./github-3AKPDCHU.js");
  const settings = opts.pullRequest;
  try {
    const client = await github.getGitHubClient({ token: settings.token, baseUrl: settings.apiUrl });
    return await github.openOrUpdatePullRequest(client, {
      repository,
      head,
      base: opts.branch,
      title: src.commitMessage,
      body,
      labels: settings.labels
    });
  } catch (error) {
    throw new ActionError(
      `${github.describeGitHubError(error, { operation: `open or update the pull request from ${head} into ${opts.branch} of ${repository}`, needs: { pull_requests: "write" } })}`,
      { cause: error }
    );
  }
}
async function pullRequestTargetOf(git, opts, target) {
  const pr = opts.pullRequest;
  if (!pr?.token)
    throw new InputError(
      "token",
      "is empty, and pull-request mode opens the pull request through the API",
      "Pass a token with contents: write and pull-requests: write on the docs repository."
    );
  let repository = pr.repository.trim();
  if (!repository) {
    const origin = await git.remoteUrl("origin") ?? "";
    const host = new URL(opts.auth?.serverUrl ?? "https://github.com").host;
    const m = new RegExp(
      `^(?:https?://(?:[^@/]+@)?${host.replace(/\./g, "\\.")}/|git@${host.replace(/\./g, "\\.")}:|ssh://git@${host.replace(/\./g, "\\.")}/)([^/]+/[^/]+?)(?:\\.git)?/?$`
    ).exec(origin);
    if (!m)
      throw new InputError(
        "docs-repository",
        `is empty and the checkout's origin (${origin.replace(/\/\/[^@/]+@/, "//") || "none"}) is not a repository on ${host}`,
        "Give the docs repository as owner/name, e.g. ThePorgs/Exegol-docs."
      );
    repository = m[1];
  }
  const { parseRepository } = await import("./github-3AKPDCHU.js");
  try {
    parseRepository(repository);
  } catch (error) {
    throw new InputError("docs-repository", error.message.replace(/\.$/, ""), "Give it as owner/name.");
  }
  const prefix = pr.branchPrefix;
  const key = target ? `tools-list/${target.channel === "nightly" ? `nightly_${target.arch}` : target.key}` : "resources-list";
  const head = `${prefix}${key}`;
  const valid = await git.raw(["check-ref-format", `refs/heads/${head}`], { allowFailure: true });
  if (valid.code !== 0)
    throw new InputError(
      "pull-request-branch-prefix",
      `gives the branch name ${JSON.stringify(head)}, which git refuses`,
      "Use letters, digits, dashes, dots and slashes, like pipeline/."
    );
  return { repository, head };
}
async function openDocs(dir, auth) {
  let git;
  try {
    git = await Git.open(dir);
  } catch {
    throw new InputError(
      "docs-path",
      `${dir} is not a git checkout`,
      "Check out the docs repository there (actions/checkout with repository: and path:), or set publish: none."
    );
  }
  const origin = await git.remoteUrl("origin");
  const persisted = origin ? await git.raw(["config", "--get-urlmatch", "http.extraheader", origin], { allowFailure: true }) : null;
  const useToken = auth.token && !auth.sshKeyFile && !persisted?.stdout.trim();
  return Git.at(
    git.dir,
    authConfig({ token: useToken ? auth.token : void 0, serverUrl: auth.serverUrl, sshKeyFile: auth.sshKeyFile })
  );
}
function pullRequestBody(src, summary) {
  const { checked } = src;
  const lines = [
    `${src.commitMessage}.`,
    "",
    `- rows: ${checked.names.length}`,
    `- duplicate names: ${checked.duplicateCount}${checked.duplicates.length ? ` (${checked.duplicates.map((d) => d.name).join(", ")})` : ""}`,
    `- invalid rows dropped: ${checked.invalid.length}`
  ];
  if (src.buildDate) lines.push(`- build date: ${src.buildDate}`);
  if (summary.previous) {
    lines.push(
      `- compared with ${summary.previous.label}: ${summary.added.length} added, ${summary.removed.length} removed`
    );
    if (summary.added.length) lines.push(`  - added: ${summary.added.join(", ")}`);
    if (summary.removed.length) lines.push(`  - removed: ${summary.removed.join(", ")}`);
  }
  lines.push("", "Opened by exegol/actions export-tool-list; a re-run for the same key updates this pull request.");
  return lines.join("\n");
}

// packages/core/src/export-tool-list/index.ts
async function exportList(opts) {
  const log = opts.log ?? (() => {
  });
  const tempDir = opts.tempDir ?? os.tmpdir();
  const src = await readCheckedSource(opts, tempDir, log);
  const plan = await planFiles(src, docsReader(opts.docs), opts.docs);
  if (opts.dryRun)
    return resultOf(opts, src, { plan, operation: "dry-run", commitSha: "" }, await diffOf(plan, tempDir));
  if (opts.publish === "none") {
    writePlan(opts.docs, plan);
    return resultOf(opts, src, { plan, operation: plan.changed ? "written" : "unchanged", commitSha: "" });
  }
  return resultOf(opts, src, await publish(opts, src, tempDir, log));
}
function resultOf(opts, src, done, diff = "") {
  return {
    key: src.key,
    ...summarize(src, done.plan),
    // A dry run reports whether the plan changes anything; otherwise "changed" is whether the
    // run changed anything (a pull request already up to date did not).
    changed: changedBy(done.operation, done.plan),
    operation: done.operation,
    commitSha: done.commitSha,
    pullRequest: done.pullRequest ?? null,
    ...done.completed ? { completed: done.completed } : {},
    branch: opts.publish === "none" ? "" : opts.branch,
    rows: src.checked.names.length,
    duplicates: src.checked.duplicates,
    duplicateCount: src.checked.duplicateCount,
    dropped: src.checked.invalid,
    buildDate: src.buildDate,
    diff,
    pushAttempts: done.pushAttempts ?? 0
  };
}
function changedBy(operation, plan) {
  return operation === "dry-run" ? plan.changed : operation !== "unchanged";
}
export {
  DEFAULT_INDEX_FILE,
  DEFAULT_LIST_FILE,
  DEFAULT_TOOLS_DIR,
  InvalidRowsError,
  copyFromImage,
  exportList,
  indexEntry,
  insideDocs,
  normalizeBuildDate,
  readSource,
  resolveToolsTarget
};
