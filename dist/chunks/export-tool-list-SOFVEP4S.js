import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  VersionError,
  compareVersions,
  parseVersion,
  tryParseVersion
} from "./chunk-7GDDZLFP.js";
import {
  ACTIONS_IDENTITY,
  Git,
  authConfig,
  unauthorizedPushFix,
  writeSshKeyFile
} from "./chunk-4NRFYOPS.js";
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
} from "./chunk-6EBB3KKC.js";
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
var fs2 = __toESM(require_fs(), 1);
import * as os from "node:os";
import * as path3 from "node:path";

// packages/core/src/export-tool-list/source.ts
var fs = __toESM(require_fs(), 1);
import * as path from "node:path";
var DEFAULT_IMAGE_PATH = "/.exegol/installed_tools.csv";
function lastLines(error) {
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
    const detail = lastLines(error);
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
    if (!fs.statSync(dest).isFile()) {
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
    if (!fs.existsSync(source.file))
      throw new InputError(
        source.input,
        `${source.file} does not exist`,
        "Give the path of the CSV file, relative to the workspace."
      );
    if (!fs.statSync(source.file).isFile())
      throw new InputError(source.input, `${source.file} is not a file`, "Give the path of the CSV file itself.");
    return { bytes: fs.readFileSync(source.file), labels: {}, describe: source.file };
  }
  const dir = fs.mkdtempSync(path.join(tempDir, "export-tool-list-"));
  try {
    const dest = path.join(dir, path.posix.basename(source.path) || "list.csv");
    const { labels } = await copyFromImage(source.image, source.path, dest);
    if (fs.lstatSync(dest).isSymbolicLink()) {
      resolveInside("image-path", dest, {
        roots: [dir],
        label: `${JSON.stringify(source.path)} in image ${source.image}`,
        mustExist: true
      });
    }
    return { bytes: fs.readFileSync(dest), labels, describe: `${source.image}:${source.path}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// packages/core/src/export-tool-list/target.ts
import * as path2 from "node:path";
var DEFAULT_TOOLS_DIR = "docs/src/public/installed_tools";
var DEFAULT_RESOURCES_FILE = "docs/src/public/exegol_resources/resources_list.csv";
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
  const normalized = path2.posix.normalize(filled);
  if (path2.posix.isAbsolute(normalized) || normalized.startsWith("..") || !normalized.endsWith(".csv")) {
    throw new InputError(
      input,
      `${JSON.stringify(template)} gives ${JSON.stringify(filled)}`,
      "Give a relative path to a .csv file inside the tools folder."
    );
  }
  return normalized;
}
function insideDocs(input, rel) {
  const normalized = path2.posix.normalize(rel.replace(/\\/g, "/")).replace(/\/$/, "");
  if (!normalized || path2.posix.isAbsolute(normalized) || normalized === ".." || normalized.startsWith("../")) {
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
    listPath: path2.posix.join(toolsDir, listInToolsDir),
    indexPath: path2.posix.join(toolsDir, indexInToolsDir),
    listInToolsDir,
    link: `${prefix}${listInToolsDir}`,
    listPathFor: (other) => path2.posix.join(toolsDir, fillTemplate("list-file", listTemplate, { ...values, version: other }))
  };
}
function indexEntry(target, buildDate) {
  return { profile: target.profile, version: target.version, arch: target.arch, buildDate, link: target.link };
}

// packages/core/src/export-tool-list/index.ts
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
async function exportList(opts) {
  const log = opts.log ?? (() => {
  });
  const tempDir = opts.tempDir ?? os.tmpdir();
  const sourceInput = opts.source.kind === "file" ? opts.source.input : "image";
  const target = opts.list === "tools" ? resolveToolsTarget(opts.tools) : null;
  const resourcesPath = opts.list === "resources" ? insideDocs("resources-file", opts.resourcesFile) : null;
  if (!fs2.existsSync(opts.docs) || !fs2.statSync(opts.docs).isDirectory()) {
    throw new InputError(
      "docs-path",
      `${opts.docs} is not a folder`,
      "Check out the docs repository first (actions/checkout with path:) and give that path."
    );
  }
  const source = await readSource(opts.source, tempDir);
  const shownSource = opts.source.kind === "file" && !path3.relative(workspace(), source.describe).startsWith("..") ? path3.relative(workspace(), source.describe) : source.describe;
  log(`Read ${source.bytes.length} bytes from ${oneLine(shownSource)}`);
  const location = (line) => opts.source.kind === "file" ? { file: opts.source.file, line } : void 0;
  const where = opts.source.kind === "image" ? `${source.describe}: ` : "";
  let buildDate = null;
  if (target) {
    const given = opts.tools.buildDate.trim();
    const label = source.labels["org.exegol.build_date"] ?? "";
    const raw = given || label;
    if (!raw)
      throw new InputError(
        "build-date",
        "is required",
        "Give the image build date in ISO-8601 UTC, e.g. 2026-06-24T20:45:25Z (images built with the org.exegol.build_date label supply it)."
      );
    buildDate = normalizeBuildDate(raw);
    if (!buildDate) {
      throw new InputError(
        given ? "build-date" : "image",
        `${JSON.stringify(raw)}${given ? "" : " (label org.exegol.build_date)"} is not an ISO-8601 date-time with a time zone`,
        "Give it like 2026-06-24T20:45:25Z."
      );
    }
  }
  let checked;
  try {
    checked = await checkList(decodeUtf8(source.bytes), opts.header, { allowEmptyLink: opts.allowEmptyLinks });
  } catch (error) {
    if (error instanceof ListFileError) {
      throw new InputError(
        sourceInput,
        `${where}${error.message}`,
        opts.source.kind === "image" ? "Fix the list the image build writes." : "Fix the file.",
        location(error.line)
      );
    }
    throw error;
  }
  if (checked.invalid.length && opts.invalidRows === "fail")
    throw new InvalidRowsError(
      sourceInput,
      checked.invalid,
      opts.source.kind === "file" ? opts.source.file : void 0,
      source.describe
    );
  if (checked.names.length === 0) {
    throw new InputError(
      sourceInput,
      `${where}has no valid rows (${checked.invalid.length} invalid)`,
      "Publishing an empty list would hide every tool: fix the list.",
      location(1)
    );
  }
  const content = renderList(checked);
  log(`${checked.names.length} rows, ${checked.duplicateCount} duplicate(s), ${checked.invalid.length} invalid`);
  const commitMessage = target ? `PIPELINE: tools list for ${target.key}` : "PIPELINE: resources list";
  const plan = async (read) => {
    if (!target) {
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
      update = await updateIndex(target.channel, indexBefore, indexEntry(target, buildDate));
    } catch (error) {
      if (error instanceof IndexFileError) {
        throw new ActionError(
          `The index ${target.indexPath} in docs-path ${error.message}. Fix the index in the docs repository, or set index-file.`,
          {
            location: { file: path3.join(opts.docs, target.indexPath), line: error.line }
          }
        );
      }
      throw error;
    }
    const listBefore = read(target.listPath);
    const previous = await previousList(target, update.before, listBefore, read);
    return {
      files: [
        { path: target.listPath, before: listBefore, after: content },
        { path: target.indexPath, before: indexBefore, after: update.text }
      ],
      changed: listBefore !== content || update.changed,
      replacedRows: update.replaced,
      previous
    };
  };
  const result = {
    key: target?.key ?? "resources",
    operation: "unchanged",
    changed: false,
    commitSha: "",
    pullRequest: null,
    branch: opts.publish === "none" ? "" : opts.branch,
    rows: checked.names.length,
    duplicates: checked.duplicates,
    duplicateCount: checked.duplicateCount,
    dropped: checked.invalid,
    files: [],
    replacedRows: [],
    buildDate,
    previous: null,
    added: [],
    removed: [],
    diff: "",
    pushAttempts: 0
  };
  const record = (p) => {
    result.changed = p.changed;
    result.files = p.files.map((f) => ({
      path: f.path,
      status: f.before === null ? "created" : f.before === f.after ? "unchanged" : "updated"
    }));
    result.replacedRows = p.replacedRows;
    result.previous = p.previous && { label: p.previous.label, path: p.previous.path };
    const { added, removed } = p.previous ? compareNames(p.previous.names, checked.names, checked.keys) : { added: [], removed: [] };
    result.added = added;
    result.removed = removed;
  };
  const docsFile = (rel) => resolveInside("docs-path", rel, { base: opts.docs, label: `${JSON.stringify(rel)} in docs-path` });
  const readWorkTree = (rel) => {
    const file = docsFile(rel);
    if (!fs2.existsSync(file)) return null;
    try {
      return decodeUtf8(fs2.readFileSync(file));
    } catch (error) {
      if (error instanceof ListFileError)
        throw new ActionError(`${rel} in docs-path ${error.message}.`, { location: { file, line: error.line } });
      throw error;
    }
  };
  const write = (p) => {
    for (const f of p.files) {
      if (f.before === f.after) continue;
      const file = docsFile(f.path);
      fs2.mkdirSync(path3.dirname(file), { recursive: true });
      fs2.writeFileSync(file, f.after);
    }
  };
  let current = await plan(readWorkTree);
  record(current);
  if (opts.dryRun) {
    result.operation = "dry-run";
    result.diff = await diffOf(current, tempDir);
    return result;
  }
  if (opts.publish === "none") {
    write(current);
    result.operation = current.changed ? "written" : "unchanged";
    return result;
  }
  const sshKey = opts.auth?.sshKey ? writeSshKeyFile(opts.auth.sshKey, tempDir) : void 0;
  const sshKeyFile = sshKey?.file;
  try {
    const git = await openDocs(opts.docs, { token: opts.auth?.token, serverUrl: opts.auth?.serverUrl, sshKeyFile });
    const toRepo = (rel) => path3.relative(git.dir, path3.join(opts.docs, rel)).split(path3.sep).join("/");
    const paths = () => current.files.map((f) => toRepo(f.path));
    const identity = opts.identity ?? ACTIONS_IDENTITY;
    const pullRequestTarget = opts.publish === "pull-request" ? await pullRequestTargetOf(git, opts, target) : null;
    if (!await git.isClean()) {
      throw new InputError(
        "docs-path",
        `${opts.docs} has uncommitted changes to tracked files`,
        "Give a fresh checkout of the docs repository: the action commits there and may move it to the branch it publishes to."
      );
    }
    const shallow = await git.isShallow();
    const tip = await git.fetchBranch(opts.branch, { depth: shallow ? 1 : void 0 }).catch((error) => {
      throw new ActionError(
        `Could not fetch ${opts.branch} from the docs repository: ${lastLine(error instanceof Error ? error.message : String(error))}. Check that the token (or ssh-key, or the credentials the checkout kept) can read and push the docs repository.`,
        { cause: error }
      );
    });
    if (!tip)
      throw new InputError(
        "branch",
        `the docs repository has no branch ${JSON.stringify(opts.branch)}`,
        "Create it, or publish to an existing branch."
      );
    if (opts.publish === "push") {
      if (await git.head() !== tip) {
        log(`Moving the docs checkout to ${opts.branch} (${tip.slice(0, 8)})`);
        await git.checkout(tip, { branch: opts.branch });
        current = await plan(readWorkTree);
        record(current);
      }
      if (!current.changed) {
        result.commitSha = tip;
        return result;
      }
      write(current);
      await git.commit(commitMessage, identity, paths());
      const outcome = await git.pushReplaying(
        opts.branch,
        async () => {
          log(`${opts.branch} moved: applying the change again on its new tip`);
          current = await plan(readWorkTree);
          record(current);
          if (!current.changed) return null;
          write(current);
          return git.commit(commitMessage, identity, paths());
        },
        { attempts: opts.attempts ?? 3 }
      );
      result.pushAttempts = outcome.attempts;
      if (outcome.pushed) {
        result.operation = "pushed";
        result.commitSha = outcome.sha;
        return result;
      }
      if (outcome.reason === "superseded") {
        result.commitSha = await git.head();
        return result;
      }
      if (outcome.reason === "unauthorized") {
        throw new ActionError(
          `Pushing to ${opts.branch} of the docs repository was refused: ${reasonLine(outcome.message)}. ${unauthorizedPushFix("token")} (or give ssh-key)`,
          { input: "token" }
        );
      }
      if (outcome.reason === "protected") {
        throw new ActionError(
          `${opts.branch} of the docs repository refuses direct pushes (branch protection): ${lastLine(outcome.message)}. Set publish: pull-request, or allow the token or deploy key to push.`,
          { input: "publish" }
        );
      }
      throw new ActionError(
        `Pushing to ${opts.branch} failed after ${outcome.attempts} attempt(s): ${lastLine(outcome.message)}. Re-run the job; if ${opts.branch} keeps moving, raise push-attempts.`
      );
    }
    const { head, repository } = pullRequestTarget;
    await git.checkout(tip, { branch: head });
    current = await plan(readWorkTree);
    record(current);
    if (!current.changed) {
      result.commitSha = tip;
      return result;
    }
    write(current);
    const sha = await git.commit(commitMessage, identity, paths());
    const remoteHead = await git.fetchBranch(head, { depth: shallow ? 1 : void 0 });
    let pushed = false;
    if (!remoteHead || await git.treeOf(remoteHead) !== await git.treeOf(sha)) {
      const outcome = await git.pushBranch("HEAD", head, { lease: remoteHead });
      if (!outcome.pushed)
        throw new ActionError(
          `Pushing the pull request branch ${head} failed: ${lastLine(outcome.message)}. Re-run the job; if it keeps failing, check that the token or deploy key may push branches.`
        );
      pushed = true;
    }
    result.commitSha = pushed ? sha : remoteHead;
    const github = await import("./github-BQH5C3UM.js");
    const opened = await github.completingPullRequest(head, async () => {
      try {
        const client = await github.getGitHubClient({
          token: opts.pullRequest.token,
          baseUrl: opts.pullRequest.apiUrl
        });
        return await github.openOrUpdatePullRequest(client, {
          repository,
          head,
          base: opts.branch,
          title: commitMessage,
          body: pullRequestBody(result, commitMessage),
          labels: opts.pullRequest.labels
        });
      } catch (error) {
        throw new ActionError(
          `${github.describeGitHubError(error, { operation: `open or update the pull request from ${head} into ${opts.branch} of ${repository}`, needs: { pull_requests: "write" } })}`,
          { cause: error }
        );
      }
    });
    result.pullRequest = { number: opened.number, url: opened.url };
    if (!pushed && opened.operation === "created") result.completed = github.completedNote(head, opened.number);
    result.operation = opened.operation === "created" ? "pull-request-created" : pushed || opened.operation === "updated" ? "pull-request-updated" : "unchanged";
    result.changed = result.operation !== "unchanged";
    return result;
  } finally {
    sshKey?.remove();
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
  const { parseRepository } = await import("./github-BQH5C3UM.js");
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
function lastLine(text) {
  return text.trim().split("\n").filter(Boolean).slice(-2).join(" ");
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
async function previousList(target, index, listBefore, read) {
  if (target.channel === "nightly") {
    return listBefore === null ? null : { label: `the previous nightly list`, path: target.listPath, names: await namesInList(listBefore) };
  }
  const current = tryParseVersion(target.version);
  if (!index || !current) return null;
  let best = null;
  for (const row of index.rows) {
    if (row.key?.[0] !== target.profile) continue;
    const v = tryParseVersion(row.key[1] ?? "");
    if (!v || compareVersions(v, current) >= 0) continue;
    if (!best || compareVersions(v, best.parsed) > 0) best = { version: row.key[1], parsed: v };
  }
  if (!best) return null;
  const file = target.listPathFor(best.version);
  const text = read(file);
  return text === null ? null : { label: `${target.profile} ${best.version}`, path: file, names: await namesInList(text) };
}
async function diffOf(plan, tempDir) {
  const dir = fs2.mkdtempSync(path3.join(tempDir, "export-tool-list-diff-"));
  try {
    for (const f of plan.files) {
      if (f.before !== null) {
        fs2.mkdirSync(path3.dirname(path3.join(dir, "a", f.path)), { recursive: true });
        fs2.writeFileSync(path3.join(dir, "a", f.path), f.before);
      }
      fs2.mkdirSync(path3.dirname(path3.join(dir, "b", f.path)), { recursive: true });
      fs2.writeFileSync(path3.join(dir, "b", f.path), f.after);
    }
    fs2.mkdirSync(path3.join(dir, "a"), { recursive: true });
    return await Git.at(dir).diffNoIndex("a", "b");
  } finally {
    fs2.rmSync(dir, { recursive: true, force: true });
  }
}
function pullRequestBody(result, title) {
  const lines = [
    `${title}.`,
    "",
    `- rows: ${result.rows}`,
    `- duplicate names: ${result.duplicateCount}${result.duplicates.length ? ` (${result.duplicates.map((d) => d.name).join(", ")})` : ""}`,
    `- invalid rows dropped: ${result.dropped.length}`
  ];
  if (result.buildDate) lines.push(`- build date: ${result.buildDate}`);
  if (result.previous) {
    lines.push(
      `- compared with ${result.previous.label}: ${result.added.length} added, ${result.removed.length} removed`
    );
    if (result.added.length) lines.push(`  - added: ${result.added.join(", ")}`);
    if (result.removed.length) lines.push(`  - removed: ${result.removed.join(", ")}`);
  }
  lines.push("", "Opened by exegol/actions export-tool-list; a re-run for the same key updates this pull request.");
  return lines.join("\n");
}
export {
  DEFAULT_IMAGE_PATH,
  DEFAULT_INDEX_FILE,
  DEFAULT_LIST_FILE,
  DEFAULT_RESOURCES_FILE,
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
