import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  InputError
} from "./chunk-QOTITQBY.js";

// packages/core/src/docker/reference.ts
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var TAG = /^[\w][\w.-]{0,127}$/;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var DOCKER_HUB = "docker.io";
function isLoopbackRegistry(registry) {
  const host = registry.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1";
}
function refError(input, text, problem) {
  return new InputError(
    input,
    `${JSON.stringify(text)} is not a valid image reference: ${problem}`,
    "Write it like `registry.example:5000/owner/name:tag`, `owner/name` or `owner/name@sha256:<64 hex>` (lower-case repository, tag of letters, digits, `_`, `.`, `-`, at most 128)."
  );
}
function parseReference(text, input, options = {}) {
  const raw = text.trim();
  if (!raw) throw refError(input, text, "it is empty");
  let rest = raw;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw refError(input, text, `the digest "${digest}" is not sha256: followed by 64 lower-case hex digits`);
  }
  let tag;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw refError(input, text, `the tag "${tag}" has a character Docker refuses or is longer than 128`);
  }
  const parts = rest.split("/");
  let registry = DOCKER_HUB;
  const first = parts[0];
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = parts.shift();
    if (!DOMAIN.test(registry)) throw refError(input, text, `"${registry}" is not a registry host[:port]`);
  }
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = DOCKER_HUB;
  for (const p of parts) {
    if (!p) throw refError(input, text, "a path component is empty");
    if (/[A-Z]/.test(p)) throw refError(input, text, `"${p}" has upper-case letters (repositories are lower-case)`);
    if (!PATH_COMPONENT.test(p))
      throw refError(
        input,
        text,
        `"${p}" is not a repository path component (lower-case letters, digits, separated by ".", "_", "__" or "-")`
      );
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  const repository = parts.join("/");
  if (registry.length + 1 + repository.length > 255)
    throw refError(input, text, "the name is longer than 255 characters");
  const require2 = options.require ?? "any";
  if (require2 === "repository" && (tag || digest)) {
    throw new InputError(
      input,
      `${JSON.stringify(text)} names a tag or digest`,
      "Give the repository only (tags come from their own inputs)."
    );
  }
  if (require2 === "tag-or-digest" && !tag && !digest) {
    throw new InputError(input, `${JSON.stringify(text)} has no tag or digest`, "Add `:tag` or `@sha256:<digest>`.");
  }
  return { registry, repository, tag, digest };
}
function checkTag(tag, input) {
  if (!TAG.test(tag)) {
    throw new InputError(
      input,
      `"${tag}" is not a valid tag`,
      "A tag is 1 to 128 letters, digits, `_`, `.` or `-`, and does not start with `.` or `-`."
    );
  }
  return tag;
}
function repositoryName(ref) {
  if (ref.registry !== DOCKER_HUB) return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith("library/") ? ref.repository.slice("library/".length) : ref.repository;
}
function formatReference(ref) {
  return `${repositoryName(ref)}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}
function withTag(ref, tag) {
  return { registry: ref.registry, repository: ref.repository, tag };
}
function withDigest(ref, digest) {
  return { registry: ref.registry, repository: ref.repository, digest };
}
var KNOWN_PLATFORMS = {
  "linux/amd64": { platform: { os: "linux", architecture: "amd64" }, suffix: "amd64", machine: "x86_64" },
  "linux/arm64": { platform: { os: "linux", architecture: "arm64" }, suffix: "arm64", machine: "aarch64" },
  "linux/arm/v7": { platform: { os: "linux", architecture: "arm", variant: "v7" }, suffix: "armv7", machine: "arm" },
  "linux/arm/v6": { platform: { os: "linux", architecture: "arm", variant: "v6" }, suffix: "armv6", machine: "arm" },
  "linux/386": { platform: { os: "linux", architecture: "386" }, suffix: "386", machine: "i386" },
  "linux/ppc64le": { platform: { os: "linux", architecture: "ppc64le" }, suffix: "ppc64le", machine: "ppc64le" },
  "linux/s390x": { platform: { os: "linux", architecture: "s390x" }, suffix: "s390x", machine: "s390x" },
  "linux/riscv64": { platform: { os: "linux", architecture: "riscv64" }, suffix: "riscv64", machine: "riscv64" }
};
var ALIASES = {
  "linux/x86_64": "linux/amd64",
  "linux/aarch64": "linux/arm64",
  "linux/arm64/v8": "linux/arm64",
  "linux/arm": "linux/arm/v7",
  amd64: "linux/amd64",
  arm64: "linux/arm64"
};
function platformString(p) {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;
}
function platformKey(p) {
  const key = platformString(p);
  return ALIASES[key] ?? key;
}
function parsePlatform(text, input) {
  const key = ALIASES[text.trim()] ?? text.trim();
  const known = KNOWN_PLATFORMS[key];
  if (!known) {
    throw new InputError(
      input,
      `unknown platform ${JSON.stringify(text)}`,
      `Use one of: ${Object.keys(KNOWN_PLATFORMS).join(", ")}.`
    );
  }
  return { ...known.platform };
}
function platformSuffix(p) {
  return KNOWN_PLATFORMS[platformKey(p)]?.suffix ?? platformKey(p).replace(/^linux\//, "").replace(/\//g, "");
}
function platformMachine(p) {
  return KNOWN_PLATFORMS[platformKey(p)]?.machine ?? p.architecture;
}
function platformOfMachine(machine) {
  const m = machine === "armv7l" ? "arm" : machine;
  const found = Object.values(KNOWN_PLATFORMS).find((k) => k.machine === m || k.platform.architecture === m);
  return found ? { ...found.platform } : void 0;
}
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(text, input) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m)
    throw new InputError(
      input,
      `${JSON.stringify(text)} is not a duration`,
      "Write it like `30s`, `500ms` or `2m` (a bare number is seconds)."
    );
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? "s"]);
}
var SIZE_UNITS = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40
};
function parseSize(text, input) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = (m?.[2] ?? "").toLowerCase();
  if (!m || unit && !(unit in SIZE_UNITS)) {
    throw new InputError(
      input,
      `${JSON.stringify(text)} is not a size`,
      "Write it like `20GB`, `500MB` or `1.5GiB` (a bare number is bytes)."
    );
  }
  return Math.round(Number(m[1]) * (unit ? SIZE_UNITS[unit] : 1));
}
function formatBytes(bytes) {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1e3 && i < units.length - 1) {
    v /= 1e3;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}
function expandTemplate(template, values, input) {
  return template.replace(/\{([a-z-]+)\}/g, (whole, name) => {
    if (!(name in values)) {
      throw new InputError(
        input,
        `${JSON.stringify(template)} uses {${name}}, which is not known`,
        `Use only ${Object.keys(values).map((k) => `{${k}}`).join(", ")}.`
      );
    }
    const value = values[name];
    if (!value)
      throw new InputError(
        input,
        `${JSON.stringify(template)} uses {${name}}, which is empty`,
        `Set the input "${name}".`
      );
    return value;
  });
}
function fillTag(template, values, input, valueInputs = {}) {
  const tag = expandTemplate(template, values, input);
  if (TAG.test(tag)) return tag;
  for (const [name, from] of Object.entries(valueInputs)) {
    const value = values[name];
    if (value && template.includes(`{${name}}`) && !/^[\w.-]+$/.test(value)) {
      throw new InputError(
        from,
        `${JSON.stringify(value)} cannot be part of a tag (${input} ${JSON.stringify(template)} gives ${JSON.stringify(tag)})`,
        "A tag holds only letters, digits, `_`, `.` and `-`: give the value without spaces or other characters."
      );
    }
  }
  return checkTag(tag, input);
}

export {
  DOCKER_HUB,
  isLoopbackRegistry,
  parseReference,
  checkTag,
  formatReference,
  withTag,
  withDigest,
  platformString,
  platformKey,
  parsePlatform,
  platformSuffix,
  platformMachine,
  platformOfMachine,
  parseDuration,
  parseSize,
  formatBytes,
  fillTag
};
