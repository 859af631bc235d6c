import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);

// packages/core/src/exec/index.ts
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
var CommandError = class extends Error {
  constructor(command, result) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-12).join("\n");
    const what = result.idle ? `printed nothing for ${((result.idleMs ?? 0) / 1e3).toFixed(0)} s and was stopped` : result.timedOut ? `timed out after ${((result.durationMs ?? 0) / 1e3).toFixed(1)} s` : `failed (exit ${result.code})`;
    super(`${command} ${what}${detail ? `:
${detail}` : ""}`);
    this.command = command;
    this.result = result;
    this.name = "CommandError";
  }
  command;
  result;
  /** The one line of the command's output that says why it failed (see `reasonLine`). */
  get reason() {
    return reasonLine(this.result.stderr || this.result.stdout) || this.message.split("\n")[0];
  }
};
function reasonLine(text) {
  const lines = text.split(/\r?\n|\r/).map((l) => l.trim()).filter((l) => l && !/^hint:/.test(l));
  const first = (re) => lines.find((l) => re.test(l));
  return first(/^remote: (error|fatal):/i) ?? first(/^! \[(remote )?rejected\]/) ?? first(/^fatal:/) ?? first(/^error:/) ?? lines.pop() ?? "";
}
function redact(text, secrets = []) {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
  return out;
}
function collector(stream, onLine) {
  const decoder = new StringDecoder("utf8");
  let text = "";
  let pending = "";
  return {
    push(chunk) {
      const s = decoder.write(chunk);
      text += s;
      if (!onLine) return;
      pending += s;
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const l of lines) onLine(l.replace(/\r$/, ""), stream);
    },
    end() {
      const rest = decoder.end();
      text += rest;
      if (onLine && (pending + rest).length) onLine(pending + rest, stream);
      return text;
    }
  };
}
async function run(tool, args, options = {}) {
  const env = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== void 0) env[k] = v;
  const started = performance.now();
  const out = collector("stdout", options.onLine);
  const err = collector("stderr", options.onLine);
  const { code, timedOut, idle } = await new Promise(
    (resolve, reject) => {
      const child = spawn(tool, [...args], { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
      let killed = false;
      let idle2 = false;
      const timer = options.timeoutMs !== void 0 ? setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
      }, options.timeoutMs) : void 0;
      let idleTimer;
      const rearm = () => {
        if (options.idleTimeoutMs === void 0) return;
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          killed = idle2 = true;
          child.kill("SIGKILL");
        }, options.idleTimeoutMs);
      };
      rearm();
      child.stdout.on("data", (d) => {
        rearm();
        out.push(d);
      });
      child.stderr.on("data", (d) => {
        rearm();
        err.push(d);
      });
      child.on("error", (e) => {
        clearTimeout(timer);
        clearTimeout(idleTimer);
        reject(e.code === "ENOENT" ? new Error(`${tool}: command not found (is it installed and on PATH?)`) : e);
      });
      child.on("close", (c) => {
        clearTimeout(timer);
        clearTimeout(idleTimer);
        resolve({ code: killed ? -1 : c ?? -1, timedOut: killed, idle: idle2 });
      });
      child.stdin.on("error", () => {
      });
      child.stdin.end(options.input === void 0 ? void 0 : Buffer.from(options.input));
    }
  );
  const result = { code, stdout: out.end(), stderr: err.end(), durationMs: performance.now() - started };
  if (timedOut) result.timedOut = true;
  if (idle) {
    result.idle = true;
    result.idleMs = options.idleTimeoutMs;
  }
  if (result.code !== 0 && !options.allowFailure) throw commandError(tool, args, result, options.secrets);
  return result;
}
function commandError(tool, args, result, secrets = []) {
  const shown = [tool, ...args.slice(0, 2)].join(" ");
  return new CommandError(redact(shown, secrets), {
    ...result,
    stdout: redact(result.stdout, secrets),
    stderr: redact(result.stderr, secrets)
  });
}

export {
  CommandError,
  reasonLine,
  redact,
  run,
  commandError
};
