import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  ActionError,
  NetworkError,
  connectionMessage,
  hostOf,
  limitedFetch,
  networkFailureKind
} from "./chunk-QOTITQBY.js";

// packages/core/src/github/index.ts
import { format } from "node:util";
var PUBLIC_API = "https://api.github.com";
async function getGitHubClient(options) {
  if (!options.token) {
    throw new Error(
      "No GitHub token: pass one as the `github-token` input (the default `${{ github.token }}` works for most steps)."
    );
  }
  const [{ getOctokit }, { defaults }, { retry }, { throttling }, core, { logText, maskSecret }] = await Promise.all([
    import("./github-52MVV6E7.js"),
    import("./utils-6MS2WXXI.js"),
    import("./dist-bundle-G3SZ67BF.js"),
    import("./dist-bundle-2CX7NTJI.js"),
    import("./core-3FVFFPQ4.js"),
    import("./action-3QQDQOKH.js")
  ]);
  maskSecret(options.token);
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? PUBLIC_API).replace(/\/+$/, "");
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
    if (retryCount >= rateLimitRetries) {
      core.warning(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: giving up after ${retryCount} retries.`
      );
      return false;
    }
    core.warning(
      `GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s (${retryCount + 1}/${rateLimitRetries}).`
    );
    return true;
  };
  const proxyFetch = defaults.request?.fetch;
  const fetchWithLimits = async (url, init = {}) => {
    try {
      return await limitedFetch(url, init, {
        fetch: proxyFetch,
        service: "the GitHub API",
        source: options.baseUrl ? `the API URL ${baseUrl}` : `GITHUB_API_URL (${baseUrl})`,
        onRetry: (reason) => core.info(logText(`${(init.method ?? "GET").toUpperCase()} ${String(url)}: ${reason}; trying once more.`))
      });
    } catch (error) {
      if (error instanceof NetworkError) Object.defineProperty(error, "name", { value: "AbortError" });
      throw error;
    }
  };
  const octokit = getOctokit(
    options.token,
    {
      baseUrl,
      request: { fetch: fetchWithLimits },
      // Octokit logs `(message, ...details)`; core.warning's second argument is an annotation.
      log: {
        debug: (...args) => core.debug(format(...args)),
        info: (...args) => core.info(logText(format(...args))),
        warn: (...args) => core.warning(format(...args)),
        error: (...args) => core.error(format(...args))
      },
      // Rate limits (403/429) belong to the throttling plugin, which honours GitHub's wait;
      // the retry plugin takes 5xx and network failures only.
      retry: { retries: options.serverErrorRetries ?? 3, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: onLimit("primary"),
        onSecondaryRateLimit: onLimit("secondary"),
        ...options.pace ?? !isLoopback(baseUrl) ? {} : await unpacedGroups()
      }
    },
    retry,
    throttling
  );
  if (baseUrl !== PUBLIC_API) {
    const uploadsUrl = baseUrl.endsWith("/api/v3") ? `${baseUrl.slice(0, -"/v3".length)}/uploads` : `${baseUrl}/uploads`;
    octokit.hook.before("request", (request) => {
      if (request.baseUrl === "https://uploads.github.com") request.baseUrl = uploadsUrl;
    });
  }
  return octokit;
}
function isLoopback(url) {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}
async function unpacedGroups() {
  const { default: Bottleneck } = await import("./light-UDPR2YYG.js");
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1 }),
    search: new Bottleneck.Group({ maxConcurrent: 1 })
  };
}
function parseRepository(value) {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!m || m[2] === "." || m[2] === ".." || m[2].endsWith(".git")) {
    throw new Error(
      `Invalid repository "${value}": expected "owner/name", like "ThePorgs/Exegol" (no URL, no .git suffix).`
    );
  }
  return { owner: m[1], repo: m[2] };
}
function describeGitHubError(error, { operation, needs = {} }) {
  const err = error ?? {};
  const data = err.response?.data ?? {};
  const githubMessage = data.message ?? err.message ?? String(error);
  if (!err.response && (error instanceof NetworkError || networkFailureKind(error))) {
    if (error instanceof NetworkError) return `Could not ${operation}: ${error.message}`;
    const url = error.request?.url;
    return `Could not ${operation}: ${connectionMessage(networkFailureKind(error), url ? hostOf(url) : "the GitHub API", "the GitHub API", url ? `GITHUB_API_URL (${new URL(url).origin})` : void 0)}`;
  }
  const status = err.status;
  if (typeof status !== "number") return `Could not ${operation}: ${err.message ?? String(error)}`;
  if (status === 401) {
    return `Could not ${operation}: GitHub rejected the token (401 Bad credentials). It is wrong, expired or revoked: check the secret passed as the token input.`;
  }
  if (status === 403 || status === 429) {
    const accepted = err.response?.headers?.["x-accepted-github-permissions"];
    if (accepted) return describeMissingPermission(operation, accepted, needs);
    if (/rate limit/i.test(githubMessage)) {
      return `Could not ${operation}: GitHub's rate limit still applied after the retries (${githubMessage}). Re-run the job later.`;
    }
    return `Could not ${operation}: GitHub refused it (${status} ${githubMessage}). The token may lack a permission, or a repository rule may forbid it.`;
  }
  if (status === 404) {
    return `Could not ${operation}: not found, or the token cannot see it (GitHub answers 404 rather than 403 when a token has no access to a private repository). Check the names and the token's access.`;
  }
  if (status === 422) {
    const details = (data.errors ?? []).map(
      (e) => typeof e === "string" ? e : typeof e.message === "string" ? e.message : [e.resource, e.field, e.code].filter(Boolean).join(" ")
    ).join("; ");
    return `Could not ${operation}: GitHub refused the request (422 ${githubMessage}${details ? `: ${details}` : ""}).`;
  }
  if (status >= 500) {
    return `Could not ${operation}: GitHub answered ${status} (${githubMessage}) even after retries; this is on GitHub's side, re-run the job later.`;
  }
  return `Could not ${operation}: GitHub answered ${status} (${githubMessage}).`;
}
function describeMissingPermission(operation, accepted, needs) {
  const alternatives = accepted.split(";").map(
    (alt) => alt.split(",").map((item) => item.trim().split("=")).filter((pair) => pair.length === 2).map(([name, access]) => `${name.replace(/_/g, "-")}: ${needs[name] === "write" ? "write" : access}`)
  ).filter((set) => set.length);
  const yaml = (set) => `\`permissions: { ${set.join(", ")} }\``;
  const [first, ...others] = alternatives;
  if (!first) return `Could not ${operation}: the token lacks a permission (GitHub accepts: ${accepted}).`;
  const or = others.length ? ` (or ${others.map(yaml).join(", or ")})` : "";
  return `Could not ${operation}: the token lacks the ${first.map((p) => `"${p}"`).join(" and ")} permission. Add ${yaml(first)}${or} to the job that runs this step (a job's permissions replace the defaults, so keep the others it needs); a personal access token needs the same repository permission.`;
}
async function completingPullRequest(head, open) {
  try {
    return await open();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ActionError(
      `${message.replace(/\s*$/, "")} The branch ${head} is pushed without its pull request: running the job again opens the pull request from it, without a second commit.`,
      { cause: error }
    );
  }
}
function completedNote(head, number) {
  return `Completed an earlier run: branch ${head} was already pushed with this change but had no pull request; opened #${number} from it.`;
}
async function openOrUpdatePullRequest(client, options) {
  const { owner, repo } = parseRepository(options.repository);
  const find = async () => {
    const { data } = await client.rest.pulls.list({
      owner,
      repo,
      state: "open",
      head: `${owner}:${options.head}`,
      base: options.base,
      per_page: 10
    });
    return data[0] ?? null;
  };
  let existing = await find();
  let operation;
  let pr;
  if (existing) {
    operation = "unchanged";
    pr = existing;
  } else {
    try {
      const { data } = await client.rest.pulls.create({
        owner,
        repo,
        head: options.head,
        base: options.base,
        title: options.title,
        body: options.body,
        draft: options.draft
      });
      return { ...await addLabels(client, owner, repo, data, options.labels), operation: "created" };
    } catch (error) {
      if (error.status !== 422 || !(existing = await find())) throw error;
      operation = "unchanged";
      pr = existing;
    }
  }
  if (existing && ((existing.title ?? "") !== options.title || (existing.body ?? "") !== options.body)) {
    const { data } = await client.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: options.title,
      body: options.body
    });
    pr = data;
    operation = "updated";
  }
  return { ...await addLabels(client, owner, repo, pr, options.labels), operation };
}
async function addLabels(client, owner, repo, pr, labels = []) {
  const present = new Set(pr.labels.map((l) => l.name));
  const missing = [...new Set(labels)].filter((l) => !present.has(l));
  if (missing.length) await client.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: missing });
  const author = pr.user?.login ?? "";
  return {
    number: pr.number,
    url: pr.html_url,
    labelsAdded: missing,
    author,
    triggersWorkflows: author !== "github-actions[bot]"
  };
}

export {
  getGitHubClient,
  parseRepository,
  describeGitHubError,
  completingPullRequest,
  completedNote,
  openOrUpdatePullRequest
};
