import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  CommandError,
  commandError,
  reasonLine,
  redact,
  run
} from "./chunk-2VELUGMP.js";
import {
  ActionError,
  NetworkError,
  describeLimit,
  hostOf,
  networkLimits,
  stallAdvice
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/git/index.ts
var fs2 = __toESM(require_fs(), 1);
import * as os2 from "node:os";
import * as path2 from "node:path";

// packages/core/src/git/signing.ts
var fs = __toESM(require_fs(), 1);
import * as os from "node:os";
import * as path from "node:path";
var SigningKeyError = class extends Error {
  constructor(field, problem, fix) {
    super(`${problem}. ${fix}`);
    this.field = field;
    this.problem = problem;
    this.fix = fix;
  }
  field;
  problem;
  fix;
  name = "SigningKeyError";
};
var SSH_HEADER = /^-----BEGIN (?:OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----$/m;
var GPG_HEADER = /^-----BEGIN PGP PRIVATE KEY BLOCK-----$/m;
function readSigningKey(secret) {
  const candidates = [secret];
  const compact = secret.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) candidates.push(Buffer.from(compact, "base64").toString("utf8"));
  for (const text of candidates) {
    if (GPG_HEADER.test(text)) return { kind: "gpg", text: text.trim() + "\n" };
    if (SSH_HEADER.test(text)) return { kind: "ssh", text: text.trim() + "\n" };
  }
  return null;
}
var SigningSession = class _SigningSession {
  constructor(loaded, dir) {
    this.dir = dir;
    this.kind = loaded.kind;
    this.fingerprint = loaded.fingerprint;
    this.publicKey = loaded.publicKey;
    this.gitOptions = loaded.gitOptions;
    this.stop = loaded.stop;
  }
  dir;
  closed = false;
  kind;
  fingerprint;
  publicKey;
  gitOptions;
  stop;
  /** Loads `secret` (an SSH or armored GPG private key) into a throwaway agent. */
  static async start(secret, options = {}) {
    const key = readSigningKey(secret);
    if (!key) {
      throw new SigningKeyError(
        "key",
        "is neither an SSH private key nor an armored GPG private key",
        'Store the whole key, from its "-----BEGIN \u2026 PRIVATE KEY\u2026-----" line to its END line (or the same text base64-encoded).'
      );
    }
    const base = options.tmpDir ?? process.env.RUNNER_TEMP ?? os.tmpdir();
    const dir = fs.mkdtempSync(path.join(fs.existsSync(base) ? base : os.tmpdir(), "sign-"));
    fs.chmodSync(dir, 448);
    try {
      const loaded = key.kind === "ssh" ? await loadSsh(key.text, dir, options.passphrase) : await loadGpg(key.text, dir, options.passphrase);
      return new _SigningSession(loaded, dir);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  /** Stops the agent and deletes every file of the session. Safe to call twice. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.stop();
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
};
async function withSigningKey(secret, options, fn) {
  if (!secret) return fn(null);
  const session = await SigningSession.start(secret, options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
async function loadSsh(text, dir, passphrase) {
  const keyFile = path.join(dir, "key");
  fs.writeFileSync(keyFile, text, { mode: 384 });
  const probe = await run("ssh-keygen", ["-y", "-P", "", "-f", keyFile], { allowFailure: true });
  const encrypted = probe.code !== 0 && /passphrase/i.test(probe.stderr);
  if (probe.code !== 0 && !encrypted) {
    throw new SigningKeyError(
      "key",
      `is not a usable SSH private key (${probe.stderr.trim().split("\n").pop() || "ssh-keygen refused it"})`,
      "Store the private key file as it is, with its BEGIN and END lines."
    );
  }
  if (encrypted && !passphrase) {
    throw new SigningKeyError(
      "passphrase",
      "is empty but the SSH key is protected by a passphrase",
      "Store the passphrase in a secret and pass it as signing-key-passphrase."
    );
  }
  const socket = path.join(dir, "agent.sock");
  const started = await run("ssh-agent", ["-s", "-a", socket]);
  const pid = /SSH_AGENT_PID=(\d+)/.exec(started.stdout)?.[1];
  if (!pid) throw new Error(`ssh-agent did not say its process id:
${started.stdout}`);
  const agentEnv = { SSH_AUTH_SOCK: socket, SSH_AGENT_PID: pid };
  const stop = async () => {
    await run("ssh-agent", ["-k"], { env: agentEnv, allowFailure: true });
  };
  try {
    if (encrypted) {
      const askpass = path.join(dir, "askpass");
      fs.writeFileSync(
        askpass,
        `#!/bin/sh
[ -e "$0.used" ] && exit 1
: > "$0.used"
printf '%s\\n' "$EXEGOL_SIGNING_PASSPHRASE"
`,
        { mode: 448 }
      );
      const added = await run("ssh-add", [keyFile], {
        allowFailure: true,
        env: {
          ...agentEnv,
          SSH_ASKPASS: askpass,
          SSH_ASKPASS_REQUIRE: "force",
          DISPLAY: ":0",
          EXEGOL_SIGNING_PASSPHRASE: passphrase
        },
        secrets: [passphrase]
      });
      if (added.code !== 0)
        throw new SigningKeyError(
          "passphrase",
          "does not unlock the SSH key",
          "Check that the secret holds the passphrase of this key."
        );
    } else {
      await run("ssh-add", [keyFile], { env: agentEnv });
    }
    fs.rmSync(keyFile);
    const publicKey = (await run("ssh-add", ["-L"], { env: agentEnv })).stdout.trim().split("\n")[0];
    const fingerprint = (await run("ssh-add", ["-l"], { env: agentEnv })).stdout.trim().split(/\s+/)[1] ?? "";
    return {
      kind: "ssh",
      fingerprint,
      publicKey,
      gitOptions: {
        config: { "gpg.format": "ssh", "user.signingkey": `key::${publicKey}` },
        env: { SSH_AUTH_SOCK: socket }
      },
      stop
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
async function loadGpg(text, dir, passphrase) {
  const home = path.join(dir, "gnupg");
  fs.mkdirSync(home, { mode: 448 });
  fs.writeFileSync(path.join(home, "gpg-agent.conf"), "allow-preset-passphrase\n");
  const env = { GNUPGHOME: home };
  const gpg = (args, opts = {}) => run("gpg", ["--batch", "--no-tty", ...args], { env, ...opts });
  const stop = async () => {
    await run("gpgconf", ["--homedir", home, "--kill", "all"], { env, allowFailure: true });
  };
  try {
    const imported = await gpg(["--import"], { input: text, allowFailure: true });
    if (imported.code !== 0) {
      throw new SigningKeyError(
        "key",
        `is not a usable GPG private key (${imported.stderr.trim().split("\n").pop()})`,
        "Export it with gpg --armor --export-secret-keys KEYID."
      );
    }
    const listing = (await gpg(["--with-colons", "--with-keygrip", "--list-secret-keys"])).stdout.split("\n").map((l) => l.split(":"));
    const primary = listing.find((f) => f[0] === "sec");
    const fingerprint = listing.find((f) => f[0] === "fpr")?.[9];
    if (!primary || !fingerprint)
      throw new SigningKeyError(
        "key",
        "holds no GPG secret key",
        "Export the secret key, not only the public key (gpg --armor --export-secret-keys KEYID)."
      );
    if (!primary[11]?.includes("S"))
      throw new SigningKeyError(
        "key",
        `GPG key ${fingerprint} cannot sign`,
        "Use a key (or subkey) with the signing capability."
      );
    if (passphrase) {
      const hex = Buffer.from(passphrase, "utf8").toString("hex").toUpperCase();
      const grips = listing.filter((f) => f[0] === "grp").map((f) => f[9]);
      const commands = grips.map((g) => `PRESET_PASSPHRASE ${g} -1 ${hex}`).join("\n") + "\n/bye\n";
      await run("gpg-connect-agent", ["--homedir", home], { env, input: commands, secrets: [hex, passphrase] });
    }
    const trial = await gpg(
      ["--pinentry-mode", "error", "--local-user", fingerprint, "--detach-sign", "--output", "-"],
      { input: "probe", allowFailure: true }
    );
    if (trial.code !== 0) {
      if (!passphrase)
        throw new SigningKeyError(
          "passphrase",
          "is empty but the GPG key is protected by a passphrase",
          "Store the passphrase in a secret and pass it as signing-key-passphrase."
        );
      throw new SigningKeyError(
        "passphrase",
        "does not unlock the GPG key",
        "Check that the secret holds the passphrase of this key."
      );
    }
    return {
      kind: "gpg",
      fingerprint,
      publicKey: "",
      gitOptions: { config: { "gpg.format": "openpgp", "user.signingkey": fingerprint }, env },
      stop
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// packages/core/src/git/index.ts
var ACTIONS_IDENTITY = { name: "Github Actions", email: "actions@github.com" };
function classifyPushFailure(text) {
  if (/could not read username|authentication failed|terminal prompts disabled|permission to \S+ denied|returned error: 40[13]|invalid username or (password|token)/i.test(
    text
  ))
    return "unauthorized";
  if (/protected branch|GH006|GH013|pre-receive hook declined|protected|repository rule violations/i.test(text))
    return "protected";
  if (/already exists/i.test(text)) return "exists";
  if (/non-fast-forward|fetch first|rejected|stale info|cannot lock ref|failed to update ref/i.test(text))
    return "moved";
  return "other";
}
function parseIdentity(text) {
  const m = /^\s*([^<>]*[^<>\s])\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  return m ? { name: m[1], email: m[2] } : null;
}
function identityEnv(identity, who = "both") {
  const env = {};
  for (const role of who === "both" ? ["AUTHOR", "COMMITTER"] : [who]) {
    env[`GIT_${role}_NAME`] = identity.name;
    env[`GIT_${role}_EMAIL`] = identity.email;
  }
  return env;
}
function signatureKind(armored) {
  if (armored.includes("-----BEGIN SSH SIGNATURE-----")) return "ssh";
  if (armored.includes("-----BEGIN PGP SIGNATURE-----")) return "gpg";
  return null;
}
function writeSshKeyFile(key, base = process.env.RUNNER_TEMP || os2.tmpdir()) {
  const dir = fs2.mkdtempSync(path2.join(fs2.realpathSync(base), "ssh-key-"));
  fs2.chmodSync(dir, 448);
  const file = path2.join(dir, "id");
  fs2.writeFileSync(file, key.endsWith("\n") ? key : `${key}
`, { mode: 384 });
  return { file, remove: () => fs2.rmSync(dir, { recursive: true, force: true }) };
}
function authConfig(auth) {
  const config = {};
  const secrets = [];
  if (auth.token) {
    const basic = Buffer.from(`x-access-token:${auth.token}`).toString("base64");
    config[`http.${auth.serverUrl ?? "https://github.com"}/.extraheader`] = ["", `AUTHORIZATION: basic ${basic}`];
    secrets.push(auth.token, basic);
  }
  if (auth.sshKeyFile) {
    config["core.sshCommand"] = `ssh -i '${auth.sshKeyFile.replace(/'/g, `'\\''`)}' -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new`;
  }
  return { config, secrets };
}
function unauthorizedPushFix(tokenInput) {
  return `Give "${tokenInput}" a token that may push to this repository (contents: write); with persist-credentials: false on actions/checkout, that token is the only credential the push has.`;
}
function historyError(error, remote, shallow) {
  const line = error instanceof CommandError ? error.reason : error instanceof Error ? error.message : String(error);
  const what = `Could not fetch ${shallow ? "the history and the tags" : "the tags"} of ${remote}, which this step reads (${line}).`;
  let fix;
  if (/authentication|could not read username|terminal prompts disabled|\b40[13]\b|permission denied|not found|access denied/i.test(
    line
  )) {
    fix = "The fetch has no credentials that the server accepts: keep persist-credentials: true on the actions/checkout step (its default), or give this step a token that may read the repository.";
  } else if (/would clobber|rejected/i.test(line)) {
    fix = "A local tag differs from the remote one of the same name: delete it (git tag -d) in the step that made it, or set fetch-depth: 0 on actions/checkout.";
  } else {
    fix = "Set fetch-depth: 0 on the actions/checkout step, so that the checkout brings the history and the tags itself.";
  }
  return new ActionError(`${what} ${fix}`, { cause: error });
}
var NETWORK_COMMANDS = /* @__PURE__ */ new Set(["fetch", "push", "ls-remote", "clone", "pull", "submodule"]);
var BACKSTOP_STALL_LIMITS = 20;
var STALL_TEXT = /Operation too slow|Operation timed out|Connection timed out|Timeout, server .* not responding|timed out after|Connection to .* timed out/i;
var Git = class _Git {
  constructor(dir, options) {
    this.dir = dir;
    this.options = options;
  }
  dir;
  options;
  sshCommand;
  /** A git bound to a directory as it is (a bare repository, or one not made yet). */
  static at(dir, options = {}) {
    return new _Git(dir, options);
  }
  /** The work tree that contains `dir`; a clear error when there is none. */
  static async open(dir, options = {}) {
    const git = new _Git(dir, options);
    const res = await git.raw(["rev-parse", "--show-toplevel"], { allowFailure: true });
    if (res.code !== 0) {
      throw new ActionError(
        `${dir} is not a git work tree (${reasonLine(res.stderr)}). Add an actions/checkout step before this one, or point working-directory at the checked-out repository.`
      );
    }
    return new _Git(res.stdout.trim(), options);
  }
  /** The same work tree with more configuration, environment or secrets (a signing key's, say). */
  with(extra) {
    return new _Git(this.dir, {
      config: { ...this.options.config, ...extra.config },
      env: { ...this.options.env, ...extra.env },
      secrets: [...this.options.secrets ?? [], ...extra.secrets ?? []]
    });
  }
  /**
   * Runs git with the configured environment; configuration goes through GIT_CONFIG_* variables.
   * A command that talks to a remote gets the stall limit (`network-timeout`): git's HTTP
   * low-speed limit, ssh's connect and keep-alive limits, and a kill after 20 limits as a
   * backstop. A stall is a NetworkError naming the host and the limit, even with allowFailure:
   * it is never a refusal to read as one.
   */
  async raw(args, options = {}) {
    const config = Object.entries(this.options.config ?? {}).flatMap(
      ([k, v]) => typeof v === "string" ? [[k, v]] : v.map((one) => [k, one])
    );
    const env = {
      GIT_TERMINAL_PROMPT: "0",
      ...this.options.env,
      ...options.env
    };
    const network = NETWORK_COMMANDS.has(args[0] ?? "");
    const { stallSeconds } = networkLimits();
    if (network) {
      config.push(["http.lowSpeedLimit", "1"], ["http.lowSpeedTime", String(stallSeconds)]);
      if (!env.GIT_SSH_COMMAND && !process.env.GIT_SSH_COMMAND && !env.GIT_SSH && !process.env.GIT_SSH) {
        const keepAlive = Math.max(1, Math.ceil(stallSeconds / 3));
        config.push([
          "core.sshCommand",
          `${await this.configuredSshCommand()} -o ConnectTimeout=${stallSeconds} -o ServerAliveInterval=${keepAlive} -o ServerAliveCountMax=3`
        ]);
      }
    }
    if (config.length) {
      const inherited = Number("GIT_CONFIG_COUNT" in env ? env.GIT_CONFIG_COUNT : process.env.GIT_CONFIG_COUNT) || 0;
      env.GIT_CONFIG_COUNT = String(inherited + config.length);
      config.forEach(([k, v], i) => {
        env[`GIT_CONFIG_KEY_${inherited + i}`] = k;
        env[`GIT_CONFIG_VALUE_${inherited + i}`] = v;
      });
    }
    const secrets = [...this.options.secrets ?? [], ...options.secrets ?? []];
    const res = await run("git", args, {
      ...options,
      allowFailure: true,
      cwd: options.cwd ?? this.dir,
      env,
      secrets,
      timeoutMs: options.timeoutMs ?? (network ? stallSeconds * 1e3 * BACKSTOP_STALL_LIMITS : void 0)
    });
    if (res.code !== 0 && network && (res.timedOut || STALL_TEXT.test(res.stderr))) {
      const host = await this.remoteHost(args, res.stderr);
      const what = res.timedOut ? `was still running after ${Math.round((res.durationMs ?? 0) / 1e3)} s, ${BACKSTOP_STALL_LIMITS} times ${describeLimit()}, and was stopped` : `stopped: nothing came for ${describeLimit()}`;
      throw new NetworkError(
        "stalled",
        host,
        redact(`git ${args[0]} with ${host} ${what}. ${stallAdvice()}`, secrets),
        {
          input: networkLimits().input ?? void 0,
          cause: commandError("git", args, res, secrets)
        }
      );
    }
    if (res.code !== 0 && !options.allowFailure) throw commandError("git", args, res, secrets);
    return res;
  }
  /** The ssh command git would use here (`core.sshCommand`, as actions/checkout sets it with ssh-key), to extend with limits. */
  configuredSshCommand() {
    this.sshCommand ??= (async () => {
      const fromOptions = this.options.config?.["core.sshCommand"];
      if (typeof fromOptions === "string") return fromOptions;
      const cwd = fs2.existsSync(this.dir) ? this.dir : process.cwd();
      const res = await run("git", ["config", "--get", "core.sshCommand"], {
        cwd,
        env: this.options.env,
        allowFailure: true
      }).catch(() => null);
      return res?.code === 0 && res.stdout.trim() ? res.stdout.trim() : "ssh";
    })();
    return this.sshCommand;
  }
  /** The host a network command talked to: from git's message, else from the remote it was given. */
  async remoteHost(args, stderr) {
    const quoted = /'((?:https?|ssh|git):\/\/[^']+)'/.exec(stderr);
    if (quoted) return hostOf(quoted[1]);
    let remote = args.slice(1).find((a) => !a.startsWith("-") && !["update", "init", "sync", "foreach"].includes(a)) ?? "origin";
    if (!remote.includes("/") && !remote.includes(":"))
      remote = (await this.raw(["remote", "get-url", remote], { allowFailure: true })).stdout.trim() || remote;
    const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)/.exec(remote);
    return remote.includes("://") ? hostOf(remote) : scp ? scp[1] : remote;
  }
  async out(args) {
    return (await this.raw(args)).stdout.trim();
  }
  async lines(args) {
    return (await this.out(args)).split("\n").filter(Boolean);
  }
  async revParse(rev) {
    const res = await this.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }
  async head() {
    const sha = await this.revParse("HEAD");
    if (!sha) throw new Error(`${this.dir} has no commit checked out.`);
    return sha;
  }
  async currentBranch() {
    const res = await this.raw(["symbolic-ref", "--quiet", "--short", "HEAD"], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }
  /** Every ref with the object it points at: a snapshot to prove a failed step changed nothing. */
  async refs() {
    const out = {};
    for (const line of await this.lines(["for-each-ref", "--format=%(refname) %(objectname)"])) {
      const [ref, sha] = line.split(" ");
      out[ref] = sha;
    }
    return out;
  }
  async isShallow() {
    return await this.out(["rev-parse", "--is-shallow-repository"]) === "true";
  }
  async remotes() {
    return this.lines(["remote"]);
  }
  async isClean() {
    return await this.out(["status", "--porcelain", "--untracked-files=no"]) === "";
  }
  /**
   * Makes the commit history and the tags available, as `actions/checkout` gives a depth-1 clone
   * without tags by default. Says what it did, so a caller never compares against nothing silently.
   * The refs checkout made are kept: only missing tags are fetched (see `fetch`), and a pull
   * request's merge commit, which no branch reaches, is unshallowed by its own commit.
   */
  async ensureHistory(remote = "origin") {
    const shallow = await this.isShallow();
    const hasRemote = (await this.remotes()).includes(remote);
    if (!hasRemote) {
      if (shallow) {
        throw new ActionError(
          `The clone is shallow and has no remote "${remote}" to fetch history from. Set fetch-depth: 0 on the actions/checkout step.`
        );
      }
      return "complete";
    }
    const configured = (await this.raw(["config", "--get-all", `remote.${remote}.fetch`], { allowFailure: true })).stdout.split("\n").filter(Boolean);
    try {
      await this.fetch(remote, configured, { tags: true, unshallow: shallow });
      if (shallow && await this.isShallow()) await this.fetch(remote, [await this.head()], { unshallow: true });
    } catch (error) {
      throw historyError(error, remote, shallow);
    }
    return shallow ? "unshallowed" : "fetched-tags";
  }
  /** Tags whose commit is an ancestor of (or equal to) `rev`. */
  async tagsMergedInto(rev) {
    return this.lines(["tag", "--merged", rev]);
  }
  async tagsPointingAt(rev) {
    return this.lines(["tag", "--points-at", rev]);
  }
  async tagCommit(tag) {
    return this.revParse(`refs/tags/${tag}`);
  }
  /** A local tag: what it points at, its message and whether it is signed; null when absent. */
  async tagInfo(name) {
    const sep = "";
    const format = [
      "%(objecttype)",
      "%(objectname)",
      "%(*objectname)",
      "%(contents:subject)",
      "%(contents:body)",
      "%(contents:signature)"
    ].join(sep);
    const out = (await this.raw(["for-each-ref", `--format=${format}`, `refs/tags/${name}`])).stdout;
    if (!out.trim()) return null;
    const [type, object, peeled, subject, body, signature] = out.replace(/\n$/, "").split(sep);
    const annotated = type === "tag";
    return {
      name,
      object,
      commit: annotated ? peeled : object,
      annotated,
      message: annotated ? [subject, body.trimEnd()].filter(Boolean).join("\n\n") : "",
      signature: annotated ? signatureKind(signature) : null
    };
  }
  /** A tag as the remote has it, asked of the remote itself: its object and its commit. */
  async remoteTag(name, remote = "origin") {
    const lines = await this.lines(["ls-remote", remote, `refs/tags/${name}`, `refs/tags/${name}^{}`]);
    const refs = new Map(lines.map((l) => l.split("	").reverse()));
    const object = refs.get(`refs/tags/${name}`);
    if (!object) return null;
    return { object, commit: refs.get(`refs/tags/${name}^{}`) ?? object };
  }
  /** Fetches one tag from the remote, replacing a local tag of the same name. */
  async fetchTag(name, remote = "origin") {
    await this.raw(["fetch", "--quiet", "--no-tags", remote, `+refs/tags/${name}:refs/tags/${name}`]);
  }
  /**
   * Makes an annotated tag on `rev`, signed when this Git carries a signing key's options
   * (`git.with(session.gitOptions)`), with `tagger` as the tagger.
   */
  async createTag(name, options) {
    const check = await this.raw(["check-ref-format", `refs/tags/${name}`], { allowFailure: true });
    if (check.code !== 0) throw new Error(`"${name}" is not a valid tag name.`);
    await this.raw(
      ["tag", options.sign ? "--sign" : "--annotate", "--no-edit", "--cleanup=verbatim", "--file=-", name, options.rev],
      {
        input: options.message.endsWith("\n") ? options.message : `${options.message}
`,
        env: identityEnv(options.tagger, "COMMITTER")
      }
    );
    return await this.tagInfo(name);
  }
  async deleteTag(name) {
    await this.raw(["tag", "--delete", name], { allowFailure: true });
  }
  /**
   * Pushes a tag without force: a tag that exists on the remote is never moved. The refusal
   * says why (`exists` when another run pushed the same tag first).
   */
  async pushTag(name, remote = "origin") {
    const res = await this.raw(["push", "--porcelain", remote, `refs/tags/${name}:refs/tags/${name}`], {
      allowFailure: true
    });
    if (res.code === 0) return { pushed: true };
    const message = (res.stderr + res.stdout).trim();
    return { pushed: false, reason: classifyPushFailure(message), message };
  }
  /**
   * Checks a tag's signature with git itself, against the given trust material only (the
   * runner's keyrings are not used). Unsigned or unverifiable tags say so in `detail`.
   */
  async verifyTag(name, trust) {
    const info = await this.tagInfo(name);
    if (!info) throw new Error(`tag ${name} does not exist here.`);
    if (!info.signature)
      return {
        signature: null,
        verified: false,
        detail: info.annotated ? `tag ${name} is not signed` : `tag ${name} is a lightweight tag (no message, no signature)`
      };
    const material = info.signature === "ssh" ? trust.allowedSigners : trust.gpgPublicKeys;
    if (!material?.trim()) {
      return {
        signature: info.signature,
        verified: false,
        detail: `tag ${name} carries ${info.signature.toUpperCase()} signature, but no ${info.signature === "ssh" ? "allowed signers" : "GPG public keys"} were given to check it against`
      };
    }
    const dir = fs2.mkdtempSync(
      path2.join(
        process.env.RUNNER_TEMP && fs2.existsSync(process.env.RUNNER_TEMP) ? process.env.RUNNER_TEMP : os2.tmpdir(),
        "verify-"
      )
    );
    try {
      let git;
      let stop = async () => {
      };
      if (info.signature === "ssh") {
        const file = path2.join(dir, "allowed_signers");
        fs2.writeFileSync(file, material.trim() + "\n");
        git = this.with({ config: { "gpg.ssh.allowedSignersFile": file } });
      } else {
        const home = path2.join(dir, "gnupg");
        fs2.mkdirSync(home, { mode: 448 });
        const env = { GNUPGHOME: home };
        stop = async () => void await run("gpgconf", ["--homedir", home, "--kill", "all"], { env, allowFailure: true });
        const imported = await run("gpg", ["--batch", "--no-tty", "--import"], {
          env,
          input: material,
          allowFailure: true
        });
        if (imported.code !== 0)
          throw new Error(`the GPG public keys given cannot be imported: ${imported.stderr.trim().split("\n").pop()}`);
        git = this.with({ env, config: { "gpg.format": "openpgp" } });
      }
      try {
        const res = await git.raw(["verify-tag", "--verbose", name], { allowFailure: true });
        const said = res.stderr.trim().split("\n").filter((l) => /good|bad|signature|error|no principal|can't/i.test(l) && !l.startsWith("[GNUPG:]"));
        return {
          signature: info.signature,
          verified: res.code === 0,
          detail: said.join("; ") || (res.code === 0 ? "good signature" : `git verify-tag failed (exit ${res.code})`)
        };
      } finally {
        await stop();
      }
    } finally {
      fs2.rmSync(dir, { recursive: true, force: true });
    }
  }
  /** True when `ancestor` is `rev` or one of its ancestors. */
  async isAncestor(ancestor, rev) {
    const res = await this.raw(["merge-base", "--is-ancestor", ancestor, rev], { allowFailure: true });
    if (res.code > 1) throw new Error(`cannot compare ${ancestor} and ${rev}: ${res.stderr.trim()}`);
    return res.code === 0;
  }
  /** Fetches remote branches into refs/remotes/<remote>/…; returns each one's commit, null when absent. */
  async fetchBranches(branches, remote = "origin") {
    const found = {};
    const present = [];
    for (const b of branches) {
      found[b] = await this.remoteBranch(b, remote);
      if (found[b]) present.push(b);
    }
    if (present.length) {
      await this.raw([
        "fetch",
        "--quiet",
        "--no-tags",
        remote,
        ...present.map((b) => `+refs/heads/${b}:refs/remotes/${remote}/${b}`)
      ]);
    }
    return found;
  }
  /**
   * One push of `rev` to a remote branch, no retry: without force; with `force`, replacing it (for
   * a branch this toolkit owns, like a pull request's head); with `lease`, replacing it only if it
   * still points at that commit (null: only if the branch does not exist yet). The refusal says why.
   */
  async pushBranch(rev, branch, options = {}) {
    const ref = `refs/heads/${branch}`;
    const lease = options.lease === void 0 ? [] : [`--force-with-lease=${ref}:${options.lease ?? ""}`];
    const res = await this.raw(
      ["push", "--porcelain", ...lease, options.remote ?? "origin", `${options.force ? "+" : ""}${rev}:${ref}`],
      { allowFailure: true }
    );
    if (res.code === 0) return { pushed: true };
    const message = (res.stderr + res.stdout).trim();
    return { pushed: false, reason: classifyPushFailure(message), message };
  }
  /** The commit a remote branch points at, asked of the remote itself; null when it has none. */
  async remoteBranch(branch, remote = "origin") {
    const out = await this.out(["ls-remote", "--heads", remote, `refs/heads/${branch}`]);
    return out ? out.split(/\s/)[0] : null;
  }
  /** Commits what is staged (or `paths`) as `identity`; null when there is nothing to commit. */
  async commit(message, identity, paths) {
    if (paths) await this.raw(["add", "--", ...paths]);
    const staged = await this.raw(["diff", "--cached", "--quiet"], { allowFailure: true });
    if (staged.code === 0) return null;
    await this.raw(["commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message], {
      env: identityEnv(identity)
    });
    return this.head();
  }
  /**
   * Pushes HEAD to `branch`. When the remote branch moved meanwhile, fetches, rebases the local
   * commits onto it and tries again, at most `attempts` times. A branch protection refusal is
   * returned as such, so the caller can fall back to a pull request.
   */
  async pushWithRetry(branch, options = {}) {
    const remote = options.remote ?? "origin";
    const identity = options.identity ?? ACTIONS_IDENTITY;
    return this.pushLoop(branch, remote, options.attempts ?? 3, async (attempt) => {
      await this.raw(["fetch", "--quiet", "--no-tags", remote, `refs/heads/${branch}`]);
      const rebase = await this.raw(["rebase", "--quiet", "FETCH_HEAD"], {
        allowFailure: true,
        env: identityEnv(identity, "COMMITTER")
      });
      if (rebase.code === 0) return null;
      await this.raw(["rebase", "--abort"], { allowFailure: true });
      return {
        pushed: false,
        reason: "rejected",
        message: `${branch} moved and the local commits do not rebase onto it cleanly:
${rebase.stderr.trim()}`,
        attempts: attempt
      };
    });
  }
  /**
   * The loop both pushes share: pushes HEAD to `branch`, at most `attempts` times. A protected or
   * unauthorized refusal ends it at once; after "the branch moved", `catchUp` puts HEAD on the
   * new tip and the push is tried again, unless it ends the loop with an outcome of its own.
   */
  async pushLoop(branch, remote, attempts, catchUp) {
    let last = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const res = await this.raw(["push", "--porcelain", remote, `HEAD:refs/heads/${branch}`], { allowFailure: true });
      if (res.code === 0) return { pushed: true, sha: await this.head(), attempts: attempt };
      last = redact((res.stderr + res.stdout).trim(), this.options.secrets);
      const refusal = classifyPushFailure(last);
      if (refusal === "protected" || refusal === "unauthorized")
        return { pushed: false, reason: refusal, message: last, attempts: attempt };
      if (refusal !== "moved" || attempt === attempts) break;
      const stop = await catchUp(attempt);
      if (stop !== null) return stop;
    }
    return { pushed: false, reason: "rejected", message: last, attempts };
  }
  /** The repository checked out at `subPath` (a submodule), with the same options. */
  submodule(subPath) {
    return new _Git(path2.join(this.dir, subPath), this.options);
  }
  /**
   * Fetches from a remote (a name or a URL); never recurses into submodules. With `tags`, the
   * remote's tags come too, but only those missing here: `git fetch --tags` refuses the whole
   * fetch ("would clobber existing tag") when one local tag differs from the remote's, and
   * actions/checkout v4/v5 make exactly that for a pushed tag (a lightweight copy of the
   * annotated tag, on the same commit). A local tag is never replaced here; a step that needs the
   * remote's tag object asks for that one tag (`fetchTag`).
   */
  async fetch(remote, refspecs, options = {}) {
    const tagSpecs = options.tags ? await this.missingTagRefspecs(remote) : [];
    await this.raw(
      [
        "fetch",
        "--quiet",
        "--no-recurse-submodules",
        "--no-tags",
        ...options.filter ? [`--filter=${options.filter}`] : [],
        ...options.unshallow ? ["--unshallow"] : [],
        ...options.force ? ["--force"] : [],
        // Refspecs on stdin: a repository with hundreds of tags must not meet the argument limit.
        ...tagSpecs.length ? ["--stdin"] : [],
        remote,
        ...refspecs
      ],
      tagSpecs.length ? { input: tagSpecs.join("\n") + "\n" } : {}
    );
  }
  /** Refspecs for the remote's tags that do not exist here (`refs/tags/X:refs/tags/X`). */
  async missingTagRefspecs(remote) {
    const local = new Set(await this.lines(["for-each-ref", "--format=%(refname)", "refs/tags"]));
    const specs = /* @__PURE__ */ new Set();
    for (const line of await this.lines(["ls-remote", "--tags", "--refs", remote])) {
      const ref = line.split("	")[1];
      if (!local.has(ref)) specs.add(`${ref}:${ref}`);
    }
    return [...specs];
  }
  /**
   * The refs a remote (a name or a URL) advertises, asked of the remote itself. Tags map to the
   * commit they point at (annotated tags peeled). Throws when the remote cannot be reached.
   */
  async lsRemote(remote, options = {}) {
    const args = [
      "ls-remote",
      ...options.heads ? ["--heads"] : [],
      ...options.tags ? ["--tags"] : [],
      remote,
      ...options.patterns ?? []
    ];
    const refs = /* @__PURE__ */ new Map();
    for (const line of await this.lines(args)) {
      const [sha, ref] = line.split("	");
      if (ref.endsWith("^{}")) refs.set(ref.slice(0, -3), sha);
      else if (!refs.has(ref)) refs.set(ref, sha);
    }
    return refs;
  }
  /** The branch a remote's HEAD names (its default branch), null when it does not say. */
  async remoteDefaultBranch(remote) {
    const out = await this.out(["ls-remote", "--symref", remote, "HEAD"]);
    const m = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out);
    return m ? m[1] : null;
  }
  /** The submodules declared in the work tree's .gitmodules, with the gitlinks `rev` records. */
  async submodules(rev = "HEAD") {
    if (!fs2.existsSync(path2.join(this.dir, ".gitmodules"))) return [];
    const res = await this.raw(
      ["config", "--file", ".gitmodules", "--null", "--get-regexp", "^submodule\\..*\\.(path|url|branch)$"],
      { allowFailure: true }
    );
    const byName = /* @__PURE__ */ new Map();
    for (const item of res.stdout.split("\0").filter(Boolean)) {
      const nl = item.indexOf("\n");
      const key = item.slice(0, nl);
      const value = item.slice(nl + 1);
      const dot = key.lastIndexOf(".");
      const name = key.slice("submodule.".length, dot);
      const entry = byName.get(name) ?? { name };
      entry[key.slice(dot + 1)] = value;
      byName.set(name, entry);
    }
    const declared = [...byName.values()].filter(
      (e) => Boolean(e.path)
    );
    const links = await this.gitlinks(
      rev,
      declared.map((e) => e.path)
    );
    return declared.map((e) => ({
      name: e.name,
      path: e.path,
      url: e.url ?? "",
      branch: e.branch ?? null,
      gitlink: links.get(e.path) ?? null
    }));
  }
  /** The gitlinks (submodule commits) a revision records, at the given paths or everywhere. */
  async gitlinks(rev = "HEAD", paths) {
    const links = /* @__PURE__ */ new Map();
    if (paths && !paths.length) return links;
    const res = await this.raw(["ls-tree", "-z", ...paths ? [] : ["-r"], rev, "--", ...paths ?? []]);
    for (const entry of res.stdout.split("\0").filter(Boolean)) {
      const m = /^160000 commit ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (m) links.set(m[2], m[1]);
    }
    return links;
  }
  /** Registers submodules in .git/config, resolving relative URLs against the superproject's remote. */
  async submoduleInit(paths = []) {
    await this.raw(["submodule", "init", "--quiet", "--", ...paths]);
  }
  /** The URL a registered submodule is fetched from (after `submoduleInit`), null when unregistered. */
  async submoduleUrl(name) {
    const res = await this.raw(["config", "--get", `submodule.${name}.url`], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }
  /** Checks submodules out at the commits the index records, cloning those not there yet. */
  async submoduleUpdate(paths = [], options = {}) {
    await this.raw([
      "submodule",
      "update",
      "--quiet",
      ...options.init ? ["--init"] : [],
      ...options.recursive ? ["--recursive"] : [],
      ...options.filter ? [`--filter=${options.filter}`] : [],
      ...options.jobs ? [`--jobs=${options.jobs}`] : [],
      "--",
      ...paths
    ]);
  }
  /** How many commits `to` has that `from` has not. */
  async countCommits(from, to) {
    return Number(await this.out(["rev-list", "--count", `${from}..${to}`]));
  }
  /** `git describe --tags`: the tag at `rev`, or the nearest one with the distance; null without tags. */
  async describe(rev) {
    const res = await this.raw(["describe", "--tags", "--abbrev=7", rev], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }
  async treeOf(rev) {
    return this.out(["rev-parse", `${rev}^{tree}`]);
  }
  /** Tracked files with changes, staged or not, as `git status --porcelain` names them. */
  async changedFiles() {
    const res = await this.raw(["status", "--porcelain", "-z", "--untracked-files=no"]);
    return res.stdout.split("\0").filter(Boolean).map((e) => e.slice(3));
  }
  /**
   * Everything `git add --all` would record, untracked files one by one: what earlier steps of a
   * job (an update script) changed in the work tree, submodules whose checkout moved included.
   */
  async workTreeChanges() {
    const res = await this.raw(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames"]);
    return res.stdout.split("\0").filter(Boolean).map((e) => {
      const xy = e.slice(0, 2);
      const change = xy === "??" || xy.includes("A") ? "added" : xy.includes("D") ? "deleted" : "modified";
      return { path: e.slice(3), change };
    });
  }
  /** Files left conflicted by a merge or rebase in progress. */
  async conflictedFiles() {
    return this.lines(["diff", "--name-only", "--diff-filter=U"]);
  }
  /**
   * Merges `rev` into the current branch (`git merge --no-edit`), committing as `identity`. On a
   * conflict the merge is aborted, the work tree left as it was, and the conflicting files returned.
   */
  async merge(rev, identity, options = {}) {
    const before = await this.head();
    const ff = options.ff === "only" ? ["--ff-only"] : options.ff === "never" ? ["--no-ff"] : [];
    const res = await this.raw(["merge", "--no-edit", "--no-verify", "--no-gpg-sign", ...ff, rev], {
      allowFailure: true,
      env: {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email
      }
    });
    if (res.code !== 0) {
      const files = await this.conflictedFiles();
      if (!files.length) throw new Error(`git merge ${rev} failed: ${(res.stderr || res.stdout).trim()}`);
      await this.raw(["merge", "--abort"]);
      return { status: "conflict", files };
    }
    const after = await this.head();
    if (after === before) return { status: "up-to-date", sha: after };
    return { status: after === await this.revParse(rev) ? "fast-forward" : "merged", sha: after };
  }
  /** Whether merging `theirs` into `ours` would conflict, and where, without touching the work tree. */
  async mergeConflicts(ours, theirs) {
    const res = await this.raw(["merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs], {
      allowFailure: true
    });
    if (res.code === 0) return [];
    if (res.code !== 1) throw new Error(`git merge-tree failed: ${res.stderr.trim()}`);
    return res.stdout.split("\n").slice(1).filter(Boolean);
  }
  /** Checks out `rev`: detached, or as local branch `branch` (created or reset there). */
  async checkout(rev, options = {}) {
    await this.raw(["checkout", "--quiet", ...options.branch ? ["-B", options.branch] : ["--detach"], rev]);
  }
  /** Moves the current branch (or HEAD) to `rev`, discarding local changes to tracked files. */
  async resetHard(rev) {
    await this.raw(["reset", "--quiet", "--hard", rev]);
  }
  /** The URL a remote fetches from, null when there is no such remote. */
  async remoteUrl(remote = "origin") {
    const res = await this.raw(["remote", "get-url", remote], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }
  /**
   * Pushes HEAD to `branch`; when the branch moved meanwhile, starts again from its new tip:
   * fetches it, resets the work tree to it and calls `replay`, which applies the change again and
   * commits, returning the commit, or null when nothing is left to commit (someone pushed the
   * same change first). Unlike `pushWithRetry`'s rebase, a change computed from the files (a row
   * inserted at the top of a shared index) cannot conflict with a neighbour's edit this way.
   * The work tree must hold nothing but the change: the reset discards anything else.
   */
  async pushReplaying(branch, replay, options = {}) {
    const remote = options.remote ?? "origin";
    return this.pushLoop(branch, remote, options.attempts ?? 3, async (attempt) => {
      const tip = await this.fetchBranch(branch, { remote, depth: await this.isShallow() ? 1 : void 0 });
      if (!tip)
        return {
          pushed: false,
          reason: "rejected",
          message: `${branch} was deleted from ${remote} meanwhile`,
          attempts: attempt
        };
      await this.resetHard(tip);
      if (await replay() === null)
        return { pushed: false, reason: "superseded", message: `${branch} already has the change`, attempts: attempt };
      return null;
    });
  }
  /**
   * Fetches one branch of a remote (without tags, and without moving any local branch); its
   * commit, or null when the remote has no such branch.
   */
  async fetchBranch(branch, options = {}) {
    const remote = options.remote ?? "origin";
    const depth = options.depth ? [`--depth=${options.depth}`] : [];
    const res = await this.raw(
      ["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", ...depth, remote, `refs/heads/${branch}`],
      { allowFailure: true }
    );
    if (res.code !== 0) {
      if (/couldn't find remote ref/i.test(res.stderr)) return null;
      const secrets = this.options.secrets ?? [];
      throw new CommandError(`git fetch ${remote}`, {
        code: res.code,
        stdout: redact(res.stdout, secrets),
        stderr: redact(res.stderr, secrets)
      });
    }
    return this.out(["rev-parse", "FETCH_HEAD^{commit}"]);
  }
  /**
   * `git diff --no-index` of two folders (or files) given relative to this directory: the
   * unified diff, paths as given; empty when they are the same. Needs no repository.
   */
  async diffNoIndex(before, after) {
    const res = await this.raw(["diff", "--no-index", "--no-color", "--no-prefix", "--", before, after], {
      allowFailure: true
    });
    if (res.code > 1) throw new Error(`git diff --no-index failed: ${res.stderr.trim()}`);
    return res.stdout;
  }
};

export {
  SigningKeyError,
  readSigningKey,
  SigningSession,
  withSigningKey,
  ACTIONS_IDENTITY,
  classifyPushFailure,
  parseIdentity,
  writeSshKeyFile,
  authConfig,
  unauthorizedPushFix,
  Git
};
