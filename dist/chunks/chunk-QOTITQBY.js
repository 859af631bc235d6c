import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);

// packages/core/src/action/errors.ts
var ActionError = class extends Error {
  input;
  location;
  constructor(message, options = {}) {
    super(message, { cause: options.cause });
    this.name = "ActionError";
    this.input = options.input;
    this.location = options.location;
  }
};
var InputError = class extends ActionError {
  constructor(input, problem, fix, location) {
    super(`Input "${input}": ${problem}. ${fix}`, { input, location });
    this.name = "InputError";
  }
};

// packages/core/src/net/index.ts
var DEFAULT_STALL_SECONDS = 60;
var limits = { stallSeconds: DEFAULT_STALL_SECONDS, input: null };
function setNetworkLimits(next) {
  limits = { ...limits, ...next };
}
function networkLimits() {
  return limits;
}
function describeLimit() {
  return `${limits.stallSeconds} s, the stall limit${limits.input ? ` (input "${limits.input}")` : ""}`;
}
var DOCKER_STALL_LIMITS = 15;
function dockerIdleMs() {
  return limits.stallSeconds * DOCKER_STALL_LIMITS * 1e3;
}
function describeDockerLimit() {
  return `${limits.stallSeconds * DOCKER_STALL_LIMITS} s (${DOCKER_STALL_LIMITS} \xD7 the stall limit${limits.input ? `, input "${limits.input}"` : ""})`;
}
function stallAdvice() {
  return limits.input ? `Re-run the job; if the service is only slow, raise "${limits.input}" (now ${limits.stallSeconds}).` : "Re-run the job; if the service is only slow, raise the stall limit.";
}
var WORDS = {
  stalled: "it stopped sending",
  refused: "connection refused",
  dns: "the host name does not resolve",
  reset: "the connection was reset",
  timeout: "the connection timed out",
  unreachable: "the host is unreachable",
  tls: "the TLS handshake failed"
};
var NetworkError = class extends ActionError {
  // Plain fields, not parameter properties: this module is loaded by Node's type stripping too.
  kind;
  host;
  constructor(kind, host, message, options = {}) {
    super(message, options);
    this.name = "NetworkError";
    this.kind = kind;
    this.host = host;
  }
};
var CODES = [
  [/^ECONNREFUSED$/, "refused"],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, "dns"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED|UND_ERR_CLOSED)$/, "reset"],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, "timeout"],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/, "unreachable"],
  [/^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_)/, "tls"]
];
function networkFailureKind(error) {
  for (let e = error, depth = 0; e && depth < 6; e = e.cause, depth++) {
    if (e instanceof NetworkError) return e.kind;
    if (typeof e.code === "string") {
      for (const [re, kind] of CODES) if (re.test(e.code)) return kind;
    }
  }
  return null;
}
function hostOf(url) {
  try {
    return new URL(String(url)).host;
  } catch {
    return String(url);
  }
}
async function limitedFetch(url, init = {}, options = {}) {
  const method = (init.method ?? "GET").toUpperCase();
  const retry = options.retry ?? (method === "GET" || method === "HEAD");
  const attempts = retry ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, init, options);
    } catch (error) {
      const callerAborted = init.signal?.aborted;
      if (callerAborted || !(error instanceof NetworkError) || attempt >= attempts) throw error;
      options.onRetry?.(error.kind === "stalled" ? `no answer for ${limits.stallSeconds} s` : WORDS[error.kind]);
      if (error.kind !== "stalled") await new Promise((r) => setTimeout(r, 1e3));
    }
  }
}
async function fetchOnce(url, init, options) {
  const host = hostOf(url);
  const stallMs = limits.stallSeconds * 1e3;
  const controller = new AbortController();
  const outer = init.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener("abort", onOuterAbort, { once: true });
  }
  let stalled = false;
  let timer;
  const arm = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, ms);
  };
  const bodyBytes = typeof init.body === "string" ? Buffer.byteLength(init.body) : init.body instanceof Uint8Array ? init.body.byteLength : init.body instanceof ArrayBuffer ? init.body.byteLength : 0;
  arm(stallMs + Math.ceil(bodyBytes / (64 * 1024) * 1e3));
  try {
    const res = await (options.fetch ?? fetch)(url, { ...init, signal: controller.signal });
    arm(stallMs);
    const chunks = [];
    if (res.body) {
      for await (const chunk of res.body) {
        chunks.push(chunk);
        arm(stallMs);
      }
    }
    clearTimeout(timer);
    const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
    const copy = new Response(nullBody ? null : Buffer.concat(chunks), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers
    });
    Object.defineProperty(copy, "url", { value: res.url });
    return copy;
  } catch (error) {
    if (outer?.aborted) throw error;
    const who = options.service ? `${options.service} (${host})` : host;
    if (stalled) {
      throw new NetworkError(
        "stalled",
        host,
        `${who} stopped answering: nothing came for ${describeLimit()}. ${stallAdvice()}`,
        {
          input: limits.input ?? void 0,
          cause: error
        }
      );
    }
    const kind = networkFailureKind(error);
    if (kind)
      throw new NetworkError(kind, host, connectionMessage(kind, host, options.service, options.source), {
        input: options.input,
        cause: error
      });
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}
function connectionMessage(kind, host, service = "the server", source) {
  const from = source ? ` The address comes from ${source}: check it, or re-run the job if the service was down.` : " Check the address, or re-run the job if the service was down.";
  return `no connection to ${host} (${WORDS[kind]}): a connection error, not an answer from ${service}.${from}`;
}

export {
  ActionError,
  InputError,
  setNetworkLimits,
  networkLimits,
  describeLimit,
  dockerIdleMs,
  describeDockerLimit,
  stallAdvice,
  NetworkError,
  networkFailureKind,
  hostOf,
  limitedFetch,
  connectionMessage
};
