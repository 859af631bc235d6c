import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  enumInput,
  input,
  pathInput,
  resolveInside
} from "./chunk-44VCN7XQ.js";
import {
  ActionError,
  InputError
} from "./chunk-QOTITQBY.js";
import {
  require_fs
} from "./chunk-G4ULM5DF.js";
import {
  __toESM
} from "./chunk-SSVNKAZ6.js";

// packages/core/src/files/rules.ts
var fs = __toESM(require_fs(), 1);
import * as path from "node:path";
var ROLES = ["version", "final", "stable-marker"];
function location(m) {
  return { file: m.file, line: m.line, column: m.column };
}
function compileRulePattern(rule) {
  let re;
  try {
    re = new RegExp(rule.pattern, "dgm");
  } catch (e) {
    throw new ActionError(
      `Rule "${rule.name}": pattern ${JSON.stringify(rule.pattern)} is not a valid regular expression (${e.message}).`
    );
  }
  const groups = new RegExp(`${rule.pattern}|`).exec("").length - 1;
  if (groups !== 1) {
    throw new ActionError(
      `Rule "${rule.name}": pattern must have exactly one capture group around the version, it has ${groups}. Use (?:\u2026) for other groups.`
    );
  }
  return re;
}
function lineAndColumn(text, offset) {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}
function resolveRuleFile(root, rule, input2 = rule.origin?.input ?? "rules") {
  const origin = rule.origin;
  for (const candidate of rule.files) {
    const abs = resolveInside(input2, candidate, {
      base: root,
      label: `rule "${rule.name}" file ${JSON.stringify(candidate)}${origin && !origin.file && origin.line ? ` (line ${origin.line} of the input)` : ""}`,
      location: origin?.file ? { file: origin.file, line: origin.line } : void 0
    });
    if (fs.existsSync(abs)) return abs;
  }
  return null;
}
function findRuleValue(root, rule, input2) {
  const file = resolveRuleFile(root, rule, input2);
  if (!file) {
    if (rule.optional) return null;
    throw new ActionError(
      `Rule "${rule.name}": ${rule.files.join(" or ")} does not exist in ${root}. Check the path in the rule, or mark the rule optional.`
    );
  }
  const re = compileRulePattern(rule);
  const text = fs.readFileSync(file, "utf8");
  const matches = [...text.matchAll(re)];
  const rel = path.relative(root, file);
  if (matches.length === 0) {
    throw new ActionError(
      `Rule "${rule.name}": pattern ${JSON.stringify(rule.pattern)} matches nothing in ${rel}. Fix the pattern or the file.`,
      {
        location: { file }
      }
    );
  }
  if (matches.length > 1) {
    const lines = matches.map((m2) => lineAndColumn(text, m2.index).line);
    throw new ActionError(
      `Rule "${rule.name}": pattern ${JSON.stringify(rule.pattern)} matches ${matches.length} times in ${rel} (lines ${lines.join(", ")}); it must match once. Anchor the pattern (^\u2026$) or make it more specific.`,
      { location: { file, line: lines[1] } }
    );
  }
  const m = matches[0];
  const value = m[1] ?? "";
  const offset = m.indices[1][0];
  return { rule, file, offset, value, ...lineAndColumn(text, offset) };
}
function replaceRuleValue(match, next) {
  const buf = fs.readFileSync(match.file);
  const text = buf.toString("utf8");
  if (text.slice(match.offset, match.offset + match.value.length) !== match.value) {
    throw new ActionError(`${match.file} changed while it was being updated; run again.`);
  }
  fs.writeFileSync(match.file, text.slice(0, match.offset) + next + text.slice(match.offset + match.value.length));
}

// packages/core/src/files/presets.ts
var fs2 = __toESM(require_fs(), 1);
import * as path2 from "node:path";
var PRESETS = {
  "exegol-wrapper": [
    {
      name: "ConstantConfig version",
      // 4.2 moved the file from utils/ to config/.
      files: ["exegol/config/ConstantConfig.py", "exegol/utils/ConstantConfig.py"],
      // Since 4.3.10 a module-level `__version__ = "…"` (the class then says `version: str =
      // __version__`, which has no quotes and so does not match); before, an indented class
      // attribute `version: str = "…"`.
      pattern: `^(?:__version__|[ \\t]+version:[ \\t]*str)[ \\t]*=[ \\t]*["']([^"'\\n]+)["'][ \\t]*$`,
      role: "version"
    },
    {
      name: "spawn.sh spawn version",
      files: ["exegol/utils/imgsync/spawn.sh"],
      pattern: `^# Spawn Version:[ \\t]*([^\\s]+)[ \\t]*$`,
      role: "stable-marker",
      optional: true
    },
    {
      name: "test file version",
      // Renamed from test_exegol.py; upstream stopped updating it at '4.3.7', hence a warning.
      files: ["tests/exegol_test.py", "tests/test_exegol.py"],
      pattern: `^[ \\t]*assert __version__ == ["']([^"'\\n]+)["'][ \\t]*$`,
      role: "final",
      optional: true,
      severity: "warning"
    }
  ],
  // The images repository has no version file: its version comes from the release PR title or
  // the tag, so the preset declares no rules.
  "exegol-images": []
};
var PRESET_NAMES = ["auto", ...Object.keys(PRESETS), "none"];
function detectPreset(root) {
  const wrapper = PRESETS["exegol-wrapper"][0].files;
  if (wrapper.some((f) => fs2.existsSync(path2.join(root, f)))) return "exegol-wrapper";
  return null;
}

// packages/core/src/files/config.ts
var fs3 = __toESM(require_fs(), 1);

// packages/core/src/yaml/index.ts
async function loadYaml() {
  const mod = await import("./dist-CHMV4TZP.js");
  return mod.default ?? mod;
}

// packages/core/src/files/config.ts
function lineOf(text, node) {
  const start = node?.range?.[0];
  if (start === void 0) return void 0;
  return text.slice(0, start).split("\n").length;
}
async function parseRules(text, source) {
  const { parseDocument, isSeq, isMap } = await loadYaml();
  const doc = parseDocument(text);
  const where = (line) => source.file ? { file: source.file, line } : void 0;
  const fail = (problem, fix, line) => {
    if (source.input) throw new InputError(source.input, problem + (line ? ` (line ${line} of the input)` : ""), fix);
    throw new ActionError(`${source.file}${line ? `:${line}` : ""}: ${problem}. ${fix}`, { location: where(line) });
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    fail(`is not valid YAML: ${e.message.split("\n")[0]}`, "Fix the YAML syntax.", e.linePos?.[0].line);
  }
  let list = doc.contents;
  if (isMap(list)) list = list.get("rules", true);
  if (!isSeq(list)) fail("must be a list of rules", 'Write one "- file: \u2026 pattern: \u2026 role: \u2026" entry per version file.');
  const seq = list;
  const rules = [];
  seq.items.forEach((item, i) => {
    const line = lineOf(text, item);
    if (!isMap(item)) fail(`rule ${i + 1} is not a mapping`, "Give file, pattern and role.", line);
    const raw = item.toJSON();
    const known = ["name", "file", "pattern", "role", "optional", "severity"];
    for (const key of Object.keys(raw)) {
      if (!known.includes(key))
        fail(`rule ${i + 1} has an unknown key "${key}"`, `Known keys: ${known.join(", ")}.`, line);
    }
    const files = typeof raw.file === "string" ? [raw.file] : Array.isArray(raw.file) ? raw.file.map(String) : [];
    if (files.length === 0)
      fail(`rule ${i + 1} has no "file"`, "Give the path of the version file, relative to the repository root.", line);
    if (typeof raw.pattern !== "string" || !raw.pattern) {
      fail(
        `rule ${i + 1} has no "pattern"`,
        "Give a regular expression with one capture group around the version.",
        line
      );
    }
    const role = raw.role ?? "version";
    if (!ROLES.includes(role))
      fail(`rule ${i + 1} has an unknown role ${JSON.stringify(role)}`, `Use one of: ${ROLES.join(", ")}.`, line);
    const severity = raw.severity ?? "error";
    if (severity !== "error" && severity !== "warning")
      fail(`rule ${i + 1} has an unknown severity ${JSON.stringify(severity)}`, "Use error or warning.", line);
    const rule = {
      name: typeof raw.name === "string" && raw.name ? raw.name : files[0],
      files,
      pattern: raw.pattern,
      role,
      optional: raw.optional === true,
      severity,
      origin: { input: source.input ?? source.originInput ?? "config-file", file: source.file, line }
    };
    try {
      compileRulePattern(rule);
    } catch (e) {
      fail(`rule ${i + 1}: ${e.message.replace(/^Rule "[^"]*": /, "")}`, "Fix the pattern.", line);
    }
    rules.push(rule);
  });
  if (rules.length === 0) fail("declares no rules", "Declare at least one rule, or use a preset.");
  return rules;
}
async function readRulesFile(file, input2 = "config-file") {
  return parseRules(fs3.readFileSync(file, "utf8"), { file, originInput: input2 });
}

// packages/core/src/files/inputs.ts
import * as path3 from "node:path";
async function rulesFromInputs(root) {
  const presetName = enumInput("preset", PRESET_NAMES, "auto");
  const inline = input("rules");
  const configFile = input("config-file");
  if (inline && configFile) throw new InputError("rules", 'is set together with "config-file"', "Use one of the two.");
  if (inline)
    return { rules: await parseRules(inline, { input: "rules" }), rulesInput: "rules", rulesFrom: 'input "rules"' };
  if (configFile) {
    const file = pathInput("config-file", { mustExist: true, base: root, kind: "file", allowRunnerTemp: true });
    return { rules: await readRulesFile(file), rulesInput: "config-file", rulesFrom: path3.relative(root, file) };
  }
  let name = presetName;
  if (name === "auto") {
    name = detectPreset(root) ?? "";
    if (!name) {
      throw new InputError(
        "preset",
        `"auto" found no known project in ${root}`,
        `Set preset to one of ${Object.keys(PRESETS).join(", ")} or none, or declare "rules".`
      );
    }
  }
  return { rules: name === "none" ? [] : PRESETS[name], rulesInput: "preset", rulesFrom: `preset ${name}` };
}

export {
  ROLES,
  location,
  compileRulePattern,
  resolveRuleFile,
  findRuleValue,
  replaceRuleValue,
  PRESETS,
  PRESET_NAMES,
  detectPreset,
  parseRules,
  readRulesFile,
  rulesFromInputs
};
