import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  describeGitHubError,
  getGitHubClient,
  parseRepository
} from "./chunk-SLGY6V2T.js";
import {
  VersionError,
  compareVersions,
  hasLeadingZeros,
  highestVersionTag,
  nextPrerelease,
  parseVersion,
  parseVersionTag,
  sameVersion
} from "./chunk-KOIZJGE4.js";
import {
  findRuleValue,
  location
} from "./chunk-VC36UC5U.js";
import "./chunk-44VCN7XQ.js";
import "./chunk-EF3Y6A4G.js";
import {
  ActionError,
  InputError
} from "./chunk-QOTITQBY.js";
import "./chunk-G4ULM5DF.js";
import "./chunk-SSVNKAZ6.js";

// packages/core/src/verify-version/release-pr.ts
async function findReleasePullRequest(opts) {
  const { owner, repo } = parseRepository(opts.repository);
  const octokit = await getGitHubClient({ token: opts.token });
  try {
    if (opts.number) {
      const { data: data2 } = await octokit.rest.pulls.get({ owner, repo, pull_number: opts.number });
      return {
        number: data2.number,
        title: data2.title,
        draft: Boolean(data2.draft),
        url: data2.html_url,
        head: headOf(data2.head)
      };
    }
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      state: "open",
      head: `${owner}:${opts.head}`,
      base: opts.base,
      per_page: 10
    });
    const pr = data[0];
    return pr ? { number: pr.number, title: pr.title, draft: Boolean(pr.draft), url: pr.html_url, head: headOf(pr.head) } : null;
  } catch (error) {
    const what = opts.number ? `read pull request #${opts.number} of ${opts.repository}` : `look for the release pull request from ${opts.head} to ${opts.base} in ${opts.repository}`;
    throw new ActionError(describeGitHubError(error, { operation: what }), { cause: error });
  }
}
function headOf(head) {
  return { repository: head.repo?.full_name ?? null, ref: head.ref, label: head.label };
}

// packages/core/src/verify-version/index.ts
async function verifyVersion(opts) {
  const checks = [];
  const add = (c) => checks.push(c);
  const sources = readSources(opts);
  const versionSources = sources.filter((s) => s.role === "version" || s.role === "input");
  if (versionSources.length === 0) {
    throw new InputError(
      opts.rulesInput,
      "no version to check: the rules declare no version file and no version was given",
      'Set the "version" input, run on a tag push, or declare a rule with role "version".'
    );
  }
  const parsed = /* @__PURE__ */ new Map();
  for (const s of sources.filter((x) => x.role !== "stable-marker")) {
    try {
      parsed.set(s, parseVersion(s.raw));
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      add({ id: `parse:${s.name}`, title: `${s.name} parses`, status: "fail", detail: e.message, location: s.loc });
    }
  }
  for (const s of sources.filter((x) => x.role === "stable-marker")) {
    if (/^[0-9]+[ab]?$/.test(s.raw))
      add({ id: `marker:${s.name}`, title: `${s.name} is well formed`, status: "pass", detail: `${s.name}: ${s.raw}` });
    else
      add({
        id: `marker:${s.name}`,
        title: `${s.name} is well formed`,
        status: "fail",
        detail: `${s.name} is "${s.raw}": write digits, with a or b after them for a pre-release (e.g. 2 or 2b).`,
        location: s.loc
      });
  }
  const primary = versionSources.find((s) => parsed.has(s));
  const version = primary ? parsed.get(primary) : null;
  if (version && !checks.some((c) => c.status === "fail")) {
    add({
      id: "parse",
      title: "Version strings parse",
      status: "pass",
      detail: sources.filter((s) => s.role !== "stable-marker").map((s) => `${s.name}: ${s.raw}`).join(", ")
    });
  }
  if (version) {
    const disagree = versionSources.filter((s) => parsed.has(s) && !sameVersion(parsed.get(s), version));
    for (const s of disagree) {
      add({
        id: `agree:${s.name}`,
        title: "Versions agree",
        status: "fail",
        detail: `${s.name} says ${s.raw} but ${primary.name} says ${primary.raw}. Make them the same.`,
        location: s.loc
      });
    }
    if (disagree.length === 0 && versionSources.length > 1) {
      add({
        id: "agree",
        title: "Versions agree",
        status: "pass",
        detail: `${versionSources.length} sources say ${version.normalized}`
      });
    }
    for (const s of versionSources.filter((x) => parsed.has(x) && hasLeadingZeros(x.raw))) {
      add({
        id: `canonical:${s.name}`,
        title: "Version without leading zeros",
        status: "fail",
        detail: `${s.name} says ${s.raw}: a number has a leading zero, which PEP 440 drops (${parsed.get(s).normalized}). Write ${parsed.get(s).normalized}.`,
        location: s.loc
      });
    }
    for (const s of sources.filter((x) => x.role === "final" && parsed.has(x))) {
      const v = parsed.get(s);
      const ok = !v.isPrerelease && v.final === version.final;
      add({
        id: `final:${s.name}`,
        title: `${s.name} holds the final version`,
        status: ok ? "pass" : s.severity === "error" ? "fail" : "warn",
        detail: ok ? `${s.raw} = ${version.final}` : `${s.name} says ${s.raw}, expected ${version.final}. Update it to '${version.final}'.`,
        location: s.loc
      });
    }
  }
  if (opts.tag && version) {
    const expected = `${opts.tagPrefix}${version.normalized}`;
    const tagVersion = parseVersionTag(opts.tag.value, opts.tagPrefix);
    let detail;
    let ok = false;
    if (!tagVersion) {
      detail = `tag ${JSON.stringify(opts.tag.value)} (${opts.tag.source}) is not a version${opts.tagPrefix ? ` with prefix "${opts.tagPrefix}"` : ""}: expected ${expected}.`;
    } else if (opts.tag.value !== expected && (opts.tag.value !== `${opts.tagPrefix}${version.raw}` || hasLeadingZeros(version.raw))) {
      detail = `tag ${opts.tag.value} (${opts.tag.source}) does not match version ${version.raw}: expected tag ${expected}.`;
    } else {
      ok = true;
      detail = `${opts.tag.value} = ${expected}`;
    }
    add({
      id: "tag",
      title: "Tag matches the version",
      status: ok ? "pass" : "fail",
      detail,
      location: ok ? void 0 : primary?.loc
    });
  }
  if (version) {
    if (!opts.requireStable.required) {
      add({
        id: "stable",
        title: "Stable release",
        status: "skip",
        detail: `not required (${opts.requireStable.reason})`
      });
    } else {
      const problems = [];
      if (version.isPrerelease) {
        problems.push({
          id: "stable",
          title: "Stable release",
          status: "fail",
          detail: `${version.raw} is a pre-release, but a stable release is required (${opts.requireStable.reason}). Set the version to ${version.final}.`,
          location: primary?.loc
        });
      }
      for (const s of sources.filter((x) => x.role === "stable-marker")) {
        if (!/^[0-9]+$/.test(s.raw)) {
          problems.push({
            id: `stable:${s.name}`,
            title: "Stable release",
            status: "fail",
            detail: `${s.name} is "${s.raw}": a stable release needs digits only (drop the letter, e.g. "${s.raw.replace(/[^0-9]/g, "") || "2"}").`,
            location: s.loc
          });
        }
      }
      if (problems.length) problems.forEach(add);
      else
        add({
          id: "stable",
          title: "Stable release",
          status: "pass",
          detail: `${version.raw} has no pre-release marker (${opts.requireStable.reason})`
        });
    }
  }
  let previousTag = null;
  let history = "not-read";
  if (opts.git && version) {
    history = await opts.git.ensureHistory();
    const head = await opts.git.head();
    const onHead = await opts.git.tagsPointingAt(head);
    const found = highestVersionTag(
      { mergedIntoHead: await opts.git.tagsMergedInto(head) },
      { prefix: opts.tagPrefix, except: onHead }
    );
    const previous = found?.version ?? null;
    previousTag = found?.tag ?? null;
    const how = {
      complete: "local history",
      unshallowed: "fetched full history and tags",
      "fetched-tags": "fetched tags"
    }[history];
    if (!previous) {
      add({
        id: "greater",
        title: "Version is above the previous release",
        status: "pass",
        detail: `no earlier version tag is reachable from ${head.slice(0, 8)} (${how}): first release`
      });
    } else {
      const ok = compareVersions(version, previous) > 0;
      add({
        id: "greater",
        title: "Version is above the previous release",
        status: ok ? "pass" : "fail",
        detail: ok ? `${version.raw} > ${previousTag} (${how})` : `${version.raw} is not above the previous release ${previousTag} (${how}). Raise the version above ${previous.raw}.`,
        location: ok ? void 0 : primary?.loc
      });
    }
  }
  if (opts.releasePr && version) {
    const expected = opts.releasePr.titleTemplate.replaceAll("{version}", version.raw);
    const pr = await opts.releasePr.find();
    let status = "fail";
    let detail;
    const want = opts.releasePr.head;
    if (!pr) detail = `no open pull request ${opts.releasePr.describe}. Open one titled "${expected}".`;
    else if (want && pr.head && (pr.head.repository?.toLowerCase() !== want.repository.toLowerCase() || pr.head.ref !== want.ref)) {
      detail = `pull request #${pr.number} comes from ${pr.head.label}${pr.head.repository && pr.head.repository.toLowerCase() !== want.repository.toLowerCase() ? ` (the fork ${pr.head.repository})` : ""}, not from ${want.repository.split("/")[0]}:${want.ref}: it is not the release pull request. Open the release pull request ${opts.releasePr.describe} in ${want.repository}, and target ${want.ref} with other changes.`;
    } else if (pr.draft) detail = `pull request #${pr.number} is a draft. Mark it ready for review before releasing.`;
    else if (pr.title.trim() !== expected)
      detail = `pull request #${pr.number} is titled "${pr.title}", expected "${expected}". Rename it.`;
    else {
      status = "pass";
      detail = `#${pr.number} "${pr.title}"`;
    }
    add({ id: "release-pr", title: "Release pull request", status, detail });
  }
  return {
    ok: !checks.some((c) => c.status === "fail"),
    checks,
    version,
    previousTag,
    history,
    sources: sources.map((s) => ({
      name: s.name,
      value: s.raw,
      where: s.loc ? `${s.loc.file}:${s.loc.line ?? ""}` : s.name
    }))
  };
}
function readSources(opts) {
  const sources = [];
  for (const rule of opts.rules) {
    let match;
    try {
      match = findRuleValue(opts.root, rule, opts.rulesInput);
    } catch (e) {
      if (!(e instanceof ActionError) || e instanceof InputError) throw e;
      throw new InputError(
        opts.rulesInput,
        e.message.replace(/\.$/, ""),
        "See the rule format in the action README.",
        e.location
      );
    }
    if (!match) continue;
    sources.push({
      name: rule.name,
      raw: match.value,
      role: rule.role,
      severity: rule.role === "final" ? opts.finalSeverity ?? rule.severity ?? "error" : "error",
      loc: location(match),
      match
    });
  }
  if (opts.version)
    sources.unshift({ name: opts.version.source, raw: opts.version.value, role: "input", severity: "error" });
  else if (opts.tag && !sources.some((s) => s.role === "version")) {
    const v = opts.tag.value.startsWith(opts.tagPrefix) ? opts.tag.value.slice(opts.tagPrefix.length) : opts.tag.value;
    sources.push({ name: opts.tag.source, raw: v, role: "input", severity: "error" });
  }
  return sources;
}
function nextBeta(v) {
  if (v.pre?.kind === "rc") return nextPrerelease(parseVersion(v.final, v.scheme), { part: "patch", pre: "b" });
  return nextPrerelease(v, { part: "patch", pre: "b" });
}
export {
  findReleasePullRequest,
  nextBeta,
  verifyVersion
};
