import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  RESOURCES_HEADER,
  TOOLS_HEADER
} from "./chunks/chunk-FNNACHVN.js";
import {
  parseReference
} from "./chunks/chunk-PMJ4KCI2.js";
import {
  annotationPath,
  error,
  group,
  info,
  inputReader,
  keyValueTable,
  maskSecret,
  mdBlock,
  mdCell,
  mdCode,
  mdText,
  oneLine,
  preflight,
  readContext,
  runAction,
  setOutputs,
  warning,
  writeSummary
} from "./chunks/chunk-44VCN7XQ.js";
import "./chunks/chunk-EF3Y6A4G.js";
import {
  InputError
} from "./chunks/chunk-QOTITQBY.js";
import "./chunks/chunk-G4ULM5DF.js";
import "./chunks/chunk-SSVNKAZ6.js";

// actions/export-tool-list/src/inputs.generated.ts
var inputs = inputReader({
  "tools-csv": {},
  image: {},
  "image-path": { default: "/.exegol/installed_tools.csv" },
  "resources-csv": {},
  "docs-path": { default: "." },
  "tools-dir": { default: "docs/src/public/installed_tools" },
  "list-file": {},
  "index-file": {},
  "link-prefix": { default: "/installed_tools/" },
  "resources-file": { default: "docs/src/public/exegol_resources/resources_list.csv" },
  channel: {},
  profile: {},
  version: {},
  arch: {},
  "build-date": {},
  header: {},
  "invalid-rows": { default: "fail" },
  "allow-empty-links": {},
  publish: { default: "push" },
  branch: {},
  "dry-run": {},
  "push-attempts": { default: "3" },
  "commit-name": { default: "Github Actions" },
  "commit-email": { default: "actions@github.com" },
  token: {},
  // ${{ github.token }}: evaluated by the runner
  "ssh-key": {},
  "docs-repository": {},
  "pull-request-labels": {},
  "pull-request-branch-prefix": { default: "pipeline/" },
  "network-timeout": { default: "60" }
});

// actions/export-tool-list/src/main.ts
var MAX_ANNOTATIONS = 50;
async function run() {
  await runAction("export-tool-list", async () => {
    const ctx = readContext();
    const given = {
      "tools-csv": inputs.text("tools-csv"),
      image: inputs.text("image"),
      "resources-csv": inputs.text("resources-csv")
    };
    const sources = Object.keys(given).filter((name) => given[name]);
    if (sources.length === 0) {
      throw new InputError(
        "tools-csv",
        "is empty, and so are image and resources-csv",
        "Give the list to publish: tools-csv (a file), image (copied out of it) or resources-csv."
      );
    }
    if (sources.length > 1)
      throw new InputError(sources[1], `is set together with "${sources[0]}"`, "Give one source per step.");
    const list = sources[0] === "resources-csv" ? "resources" : "tools";
    const publish = inputs.choice("publish", ["push", "pull-request", "none"]);
    const invalidRows = inputs.choice("invalid-rows", ["fail", "drop"]);
    const docs = inputs.path("docs-path", { mustExist: true, kind: "dir" });
    const dryRun = inputs.booleanOr("dry-run", ctx.act && publish !== "none");
    const attempts = inputs.integer("push-attempts", { min: 1, max: 10 });
    const token = inputs.text("token");
    const sshKey = inputs.text("ssh-key");
    maskSecret(token);
    maskSecret(sshKey);
    let tools;
    let source;
    let channel = "";
    if (list === "tools") {
      channel = inputs.choice("channel", ["nightly", "release"]);
      tools = {
        channel,
        profile: inputs.text("profile"),
        version: inputs.required(
          "version",
          channel === "nightly" ? "Give the commit the image was built from (e.g. ${{ github.sha }})." : "Give the release version, e.g. 3.1.18."
        ),
        arch: inputs.required("arch", "Give the image architecture: amd64 or arm64."),
        buildDate: inputs.text("build-date"),
        toolsDir: inputs.text("tools-dir"),
        listFile: inputs.text("list-file"),
        indexFile: inputs.text("index-file"),
        linkPrefix: inputs.text("link-prefix")
      };
      if (sources[0] === "image") parseReference(given.image, "image");
      source = sources[0] === "image" ? { kind: "image", image: given.image, path: inputs.text("image-path") } : {
        kind: "file",
        file: inputs.path("tools-csv", { mustExist: true, kind: "file", allowRunnerTemp: true }),
        input: "tools-csv"
      };
    } else {
      const toolsOnly = {
        channel: inputs.text("channel"),
        profile: inputs.text("profile"),
        version: inputs.text("version"),
        arch: inputs.text("arch"),
        "build-date": inputs.text("build-date"),
        image: given.image
      };
      for (const [name, value] of Object.entries(toolsOnly)) {
        if (value)
          throw new InputError(
            name,
            "applies to tools lists only, and resources-csv is set",
            `Remove ${name}, or publish the tools list in a step of its own.`
          );
      }
      source = {
        kind: "file",
        file: inputs.path("resources-csv", { mustExist: true, kind: "file", allowRunnerTemp: true }),
        input: "resources-csv"
      };
    }
    const branch = inputs.branchOr("branch", channel === "release" ? "dev" : "main");
    const header = inputs.text("header");
    if (/[\r\n]/.test(header))
      throw new InputError(
        "header",
        "holds a line break",
        `Give the one header line, e.g. ${list === "tools" ? TOOLS_HEADER : RESOURCES_HEADER}.`
      );
    const { exportList, InvalidRowsError: InvalidRows } = await import("./chunks/export-tool-list-JCFFJ3GJ.js");
    const options = {
      list,
      source,
      header: header || (list === "tools" ? TOOLS_HEADER : RESOURCES_HEADER),
      invalidRows,
      allowEmptyLinks: inputs.booleanOr("allow-empty-links", list === "resources"),
      docs,
      tools,
      resourcesFile: inputs.text("resources-file"),
      publish,
      dryRun,
      branch,
      identity: {
        name: inputs.text("commit-name"),
        email: inputs.text("commit-email")
      },
      auth: { token, sshKey, serverUrl: ctx.serverUrl },
      pullRequest: {
        token,
        repository: inputs.text("docs-repository"),
        apiUrl: ctx.apiUrl,
        labels: inputs.list("pull-request-labels"),
        branchPrefix: inputs.textAsGiven("pull-request-branch-prefix")
      },
      attempts,
      tempDir: process.env.RUNNER_TEMP || void 0,
      log: (m) => info(m)
    };
    preflight({ writes: dryRun ? [] : [{ input: "docs-path", dir: docs, what: "the list, the index and a commit" }] });
    let result;
    try {
      result = await group(
        `Exporting the ${list === "tools" ? "tools" : "resources"} list${dryRun ? " (dry run)" : ""}`,
        () => exportList(options)
      );
    } catch (error2) {
      if (!(error2 instanceof InvalidRows)) throw error2;
      reportInvalidRows(error2);
      setOutputs({ changed: false, operation: "unchanged", "invalid-rows": error2.problems.length });
      await writeSummary(
        [
          `### export-tool-list \u274C ${mdText(error2.describe)}`,
          "",
          mdText(error2.message),
          "",
          problemsTable(error2.problems)
        ].join("\n")
      );
      process.exitCode = 1;
      return;
    }
    if (result.dropped.length) {
      const file = source.kind === "file" ? source.file : void 0;
      for (const p of result.dropped.slice(0, MAX_ANNOTATIONS)) {
        warning(`Input "${sources[0]}": line ${p.line} ${oneLine(p.problem)}; dropped (invalid-rows: drop).`, {
          title: "export-tool-list",
          file: file && annotationPath(file),
          startLine: p.line
        });
      }
    }
    if (result.diff) {
      const diff = result.diff;
      await group("The diff that would be committed", () => Promise.resolve(info(diff)));
    }
    const [listFile, indexFile] = result.files.map((f) => f.path);
    setOutputs({
      changed: result.changed,
      operation: result.operation,
      "commit-sha": result.commitSha,
      "pull-request-number": result.pullRequest?.number ?? "",
      "pull-request-url": result.pullRequest?.url ?? "",
      rows: result.rows,
      duplicates: result.duplicateCount,
      "invalid-rows": result.dropped.length,
      added: result.added.length,
      removed: result.removed.length,
      "list-file": listFile ?? "",
      "index-file": list === "tools" ? indexFile ?? "" : ""
    });
    info(
      `${oneLine(result.key)}: ${result.operation}${result.commitSha ? ` (${result.commitSha.slice(0, 8)})` : ""}`
    );
    await writeSummary(summary(result, dryRun));
  });
}
function reportInvalidRows(error2) {
  const file = error2.file ? annotationPath(error2.file) : void 0;
  for (const p of error2.problems.slice(0, MAX_ANNOTATIONS))
    error(error2.messageFor(p), { title: "export-tool-list", file, startLine: file ? p.line : void 0 });
  if (error2.problems.length > MAX_ANNOTATIONS)
    info(`${error2.problems.length - MAX_ANNOTATIONS} more invalid row(s): see the job summary.`);
}
function problemsTable(problems) {
  const rows = problems.slice(0, 500).map((p) => `| ${p.line} | ${mdCell(mdText(p.problem))} |`);
  const more = problems.length > 500 ? [`
\u2026and ${problems.length - 500} more.`] : [];
  return ["| Line | Problem |", "| --- | --- |", ...rows, ...more].join("\n");
}
function names(list, max = 100) {
  const shown = list.slice(0, max).map((n) => mdCode(n)).join(", ");
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}
var VERB = {
  pushed: "pushed",
  "pull-request-created": "pull request opened",
  "pull-request-updated": "pull request updated",
  written: "written to the checkout",
  unchanged: "already published, nothing changed",
  "dry-run": "dry run, nothing changed"
};
function summary(r, dryRun) {
  const out = [`### export-tool-list \u2705 ${mdCode(r.key)}: ${VERB[r.operation]}`, ""];
  out.push(
    keyValueTable({
      rows: r.rows,
      "duplicate names": r.duplicateCount,
      "invalid rows dropped": r.dropped.length,
      "build date": r.buildDate ?? void 0,
      branch: r.branch || void 0,
      commit: r.commitSha || void 0,
      "pull request": r.pullRequest ? `#${r.pullRequest.number}` : void 0,
      "push attempts": r.pushAttempts > 1 ? r.pushAttempts : void 0,
      ...Object.fromEntries(r.files.map((f) => [f.path, f.status])),
      "index rows replaced": r.replacedRows.length ? r.replacedRows.length : void 0
    }),
    ""
  );
  if (r.completed) out.push(`> ${r.completed}`, "");
  if (r.duplicates.length)
    out.push(
      `**Duplicate names** (allowed): ${r.duplicates.map((d) => `${mdCode(d.name)} (lines ${d.lines.join(", ")})`).join(", ")}`,
      ""
    );
  if (r.previous) {
    out.push(
      `**Compared with ${mdText(r.previous.label)}** (${mdCode(r.previous.path)}): ${r.added.length} added, ${r.removed.length} removed.`,
      ""
    );
    if (r.added.length) out.push(`Added: ${names(r.added)}`, "");
    if (r.removed.length) out.push(`Removed: ${names(r.removed)}`, "");
  } else {
    out.push("No previous list of the same profile and arch to compare with.", "");
  }
  if (r.dropped.length) out.push("**Dropped rows**", "", problemsTable(r.dropped), "");
  if (dryRun) {
    const lines = r.diff.split("\n");
    const shown = lines.slice(0, 300).join("\n");
    out.push(
      r.diff ? `<details><summary>The diff that would be committed</summary>

${mdBlock(shown, "diff")}
${lines.length > 300 ? `
\u2026${lines.length - 300} more lines in the log.
` : ""}</details>` : "Nothing would change.",
      ""
    );
  }
  return out.join("\n");
}

// actions/export-tool-list/src/index.ts
await run();
