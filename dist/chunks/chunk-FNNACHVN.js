import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);

// packages/core/src/lists/csv.ts
function splitLines(text) {
  const bom = text.startsWith("\uFEFF");
  const body = bom ? text.slice(1) : text;
  const lines = [];
  let start = 0;
  let number = 1;
  while (start < body.length) {
    const nl = body.indexOf("\n", start);
    if (nl < 0) {
      lines.push({ number, text: body.slice(start), eol: "" });
      break;
    }
    const cr = nl > start && body.charCodeAt(nl - 1) === 13;
    lines.push({ number, text: body.slice(start, cr ? nl - 1 : nl), eol: cr ? "\r\n" : "\n" });
    start = nl + 1;
    number++;
  }
  const last = lines[lines.length - 1];
  return { lines, endsWithNewline: last ? last.eol !== "" : false, eol: lines.find((l) => l.eol)?.eol ?? "\n", bom };
}
function joinLines(lines) {
  let out = "";
  for (const l of lines) out += l.text + l.eol;
  return out;
}
function normalizeEndings(lines, convention) {
  return lines.map((l, i) => {
    if (i < lines.length - 1) return l.eol ? l : { ...l, eol: convention.eol };
    if (!convention.endsWithNewline) return l.eol ? { ...l, eol: "" } : l;
    return l.eol ? l : { ...l, eol: convention.eol };
  });
}
var csvParse;
async function loadCsvParser() {
  if (!csvParse) {
    const mod = await import("./sync-GNJ2KEVR.js");
    csvParse = mod.default?.parse ?? mod.parse;
  }
  return csvParse;
}
function splitFields(text) {
  if (!text.includes('"')) return { fields: text.split(",") };
  if (!csvParse) throw new Error("splitFields: call loadCsvParser() first for lines with quotes");
  try {
    const records = csvParse(text, {
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ["\r\n", "\n"]
    });
    if (records.length !== 1) return { error: "is not one CSV row" };
    return { fields: records[0] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/quote not closed/i.test(message)) return { error: "has a quoted field that is never closed" };
    return {
      error: `is not valid CSV (${message.replace(/^Invalid /, "").replace(/ at line \d+/, "").replace(/\.$/, "")})`
    };
  }
}

// packages/core/src/lists/list.ts
var TOOLS_HEADER = "Tool,Link,Description";
var RESOURCES_HEADER = "Resource,Link,Description";
var ListFileError = class extends Error {
  constructor(message, line) {
    super(message);
    this.line = line;
    this.name = "ListFileError";
  }
  line;
};
function decodeUtf8(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bad = [];
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let start = 0;
    for (let line = 1; start <= bytes.length; line++) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        bad.push(line);
      }
      start = end + 1;
    }
    const shown = bad.slice(0, 10).join(", ") + (bad.length > 10 ? ` and ${bad.length - 10} more` : "");
    throw new ListFileError(
      `is not UTF-8: invalid bytes on line${bad.length === 1 ? "" : "s"} ${shown}. Save the file as UTF-8`,
      bad[0]
    );
  }
}
var WEB_URL = /^https?:\/\//i;
function checkLink(link, allowEmpty) {
  if (!link.trim()) return allowEmpty ? null : "the link (column 2) is empty";
  if (!WEB_URL.test(link.trimStart()))
    return URL.canParse(link) ? `the link ${JSON.stringify(link)} is not an http(s) URL` : `the link ${JSON.stringify(link)} is not a URL`;
  if (!URL.canParse(link)) return `the link ${JSON.stringify(link)} is not a URL`;
  return null;
}
function textLines(body) {
  const lines = body.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}
async function checkList(text, expectedHeader, options = {}) {
  const allowEmptyLink = options.allowEmptyLink ?? false;
  const bom = text.startsWith("\uFEFF");
  const lines = textLines(bom ? text.slice(1) : text);
  if (lines.length === 0 || lines.every((l) => l.trim() === ""))
    throw new ListFileError("is empty: expected a header line and at least one row", 1);
  if (text.includes('"')) await loadCsvParser();
  const header = lines[0];
  const columns = expectedHeader.split(",").length;
  if (header !== expectedHeader) {
    const first = splitFields(header);
    const looksLikeRow = first.fields?.length === columns && URL.canParse(first.fields[1] ?? "");
    throw new ListFileError(
      looksLikeRow ? `has no header: line 1 is a row (${JSON.stringify(header.slice(0, 80))}); the first line must be ${JSON.stringify(expectedHeader)}` : `has the header ${JSON.stringify(header.slice(0, 120))}, expected ${JSON.stringify(expectedHeader)}`,
      1
    );
  }
  if (lines.length === 1) throw new ListFileError("has a header and no rows", 1);
  const names = [];
  const invalid = [];
  const keys = /* @__PURE__ */ new Map();
  const lineOf = [];
  const duplicates = /* @__PURE__ */ new Map();
  for (let i = 1; i < lines.length; i++) {
    const text2 = lines[i];
    const line = i + 1;
    if (text2.trim() === "") {
      invalid.push({ line, problem: "is empty" });
      continue;
    }
    let count;
    let rawName;
    let link;
    if (!text2.includes('"')) {
      count = 1;
      let c1 = -1;
      let c2 = -1;
      for (let c = text2.indexOf(","); c >= 0; c = text2.indexOf(",", c + 1)) {
        count++;
        if (c1 < 0) c1 = c;
        else if (c2 < 0) c2 = c;
      }
      rawName = c1 < 0 ? text2 : text2.slice(0, c1);
      link = c1 < 0 ? "" : c2 < 0 ? text2.slice(c1 + 1) : text2.slice(c1 + 1, c2);
    } else {
      const parsed = splitFields(text2);
      if (parsed.error !== void 0) {
        invalid.push({ line, problem: parsed.error });
        continue;
      }
      count = parsed.fields.length;
      rawName = parsed.fields[0];
      link = parsed.fields[1] ?? "";
    }
    if (count !== columns) {
      invalid.push({
        line,
        problem: `has ${count} column${count === 1 ? "" : "s"}, expected ${columns} (${expectedHeader})${count > columns ? ": a comma in the description splits it" : ""}`
      });
      continue;
    }
    const name = rawName.trim();
    const linkProblem = checkLink(link, allowEmptyLink);
    if (!name || linkProblem) {
      invalid.push({
        line,
        problem: [name ? "" : "the name (column 1) is empty", linkProblem ?? ""].filter(Boolean).join("; ")
      });
      continue;
    }
    const key = name.toLowerCase();
    const first = keys.get(key);
    if (first === void 0) keys.set(key, names.length);
    else {
      const dup = duplicates.get(key);
      if (dup) dup.lines.push(line);
      else duplicates.set(key, { name: names[first], lines: [lineOf[first], line] });
    }
    names.push(name);
    lineOf.push(line);
  }
  const dups = [...duplicates.values()];
  return {
    names,
    keys,
    invalid,
    duplicates: dups,
    duplicateCount: dups.reduce((n, d) => n + d.lines.length - 1, 0),
    text,
    bom
  };
}
function renderList(list) {
  const body = list.bom ? list.text.slice(1) : list.text;
  if (list.invalid.length === 0) return body;
  const drop = new Set(list.invalid.map((p) => p.line));
  const split = splitLines(body);
  return joinLines(
    normalizeEndings(
      split.lines.filter((l) => !drop.has(l.number)),
      split
    )
  );
}
function indexNames(names) {
  const keys = /* @__PURE__ */ new Map();
  names.forEach((n, i) => {
    const k = n.trim().toLowerCase();
    if (!keys.has(k)) keys.set(k, i);
  });
  return keys;
}
function compareNames(previous, current, currentKeys = indexNames(current)) {
  const before = /* @__PURE__ */ new Set();
  const removed = [];
  for (const name of previous) {
    const k = name.trim().toLowerCase();
    if (before.has(k)) continue;
    before.add(k);
    if (!currentKeys.has(k)) removed.push(name.trim());
  }
  const added = [];
  for (const [k, i] of currentKeys) if (!before.has(k)) added.push(current[i].trim());
  return { added, removed };
}
async function namesInList(text) {
  const lines = textLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
  if (text.includes('"')) await loadCsvParser();
  const names = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const comma = line.indexOf(",");
    const name = line.charCodeAt(0) === 34 ? splitFields(line).fields?.[0] : comma < 0 ? line : line.slice(0, comma);
    if (name?.trim()) names.push(name.trim());
  }
  return names;
}

// packages/core/src/lists/index-file.ts
var INDEX_HEADERS = {
  release: "Image tag,Version,Build date,Tools list",
  nightly: "Image tag,Version,Arch,Build date,Tools list"
};
function indexRow(kind, e) {
  const download = `[download](<${e.link}>)`;
  return kind === "nightly" ? `${e.profile},${e.version},${e.arch},"${e.buildDate}",${download}` : `${e.profile},${e.version},"${e.buildDate}",${download}`;
}
function sameKey(kind, fields, e) {
  if (kind === "nightly") return fields[0] === e.profile && fields[2] === e.arch;
  return fields[0] === e.profile && fields[1] === e.version;
}
var IndexFileError = class extends Error {
  constructor(message, line) {
    super(message);
    this.line = line;
    this.name = "IndexFileError";
  }
  line;
};
var KEY_FIELDS = { release: 2, nightly: 3 };
function quoteCount(text) {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}
function plainLeadingFields(text, n) {
  const fields = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const comma = text.indexOf(",", start);
    const end = comma < 0 ? text.length : comma;
    const field = text.slice(start, end);
    if (field.includes('"')) return null;
    fields.push(field);
    if (comma < 0) break;
    start = comma + 1;
  }
  return fields;
}
async function parseIndex(kind, text, profile) {
  const split = splitLines(text);
  const header = split.lines[0];
  if (!header || header.text !== INDEX_HEADERS[kind]) {
    const found = header ? JSON.stringify(header.text.slice(0, 120)) : "no header (the file is empty)";
    const other = Object.keys(INDEX_HEADERS).find(
      (k) => k !== kind && header?.text === INDEX_HEADERS[k]
    );
    throw new IndexFileError(
      `has ${found}, expected the ${kind} index header ${JSON.stringify(INDEX_HEADERS[kind])}${other ? ` (this is a ${other} index: check the channel and the index path)` : ""}`,
      1
    );
  }
  const rows = split.lines.slice(1).map((l) => ({ ...l, key: null }));
  const odd = rows.filter((r) => quoteCount(r.text) % 2 === 1);
  if (odd.length) await loadCsvParser();
  for (const r of odd) {
    if (splitFields(r.text).error !== void 0) {
      throw new IndexFileError(
        `has a row that runs over several lines at line ${r.number} (a quoted field holds a line break): fix it by hand`,
        r.number
      );
    }
  }
  const n = KEY_FIELDS[kind];
  const quoted = [];
  for (const r of rows) {
    if (!r.text.startsWith(`${profile},`) && !r.text.startsWith('"')) continue;
    r.key = plainLeadingFields(r.text, n);
    if (!r.key) quoted.push(r);
  }
  if (quoted.length) {
    await loadCsvParser();
    for (const r of quoted) {
      const one = splitFields(r.text);
      if (one.error !== void 0)
        throw new IndexFileError(
          `has a row that runs over several lines at line ${r.number} (${one.error}): fix it by hand`,
          r.number
        );
      r.key = one.fields.slice(0, n);
    }
  }
  return { header, rows, endsWithNewline: split.endsWithNewline, eol: split.eol };
}
async function updateIndex(kind, text, entry) {
  const row = indexRow(kind, entry);
  if (text === null || text === "") {
    return {
      text: `${INDEX_HEADERS[kind]}
${row}
`,
      changed: true,
      replaced: [],
      alreadyPresent: false,
      before: null
    };
  }
  const index = await parseIndex(kind, text, entry.profile);
  const same = index.rows.filter((r) => r.key !== null && sameKey(kind, r.key, entry));
  if (same.length === 1 && same[0].text === row)
    return { text, changed: false, replaced: [], alreadyPresent: true, before: index };
  const kept = index.rows.filter((r) => !same.includes(r));
  const lines = normalizeEndings([index.header, { text: row, eol: index.eol }, ...kept], index);
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const out = bom + joinLines(lines);
  return { text: out, changed: out !== text, replaced: same.map((r) => r.text), alreadyPresent: false, before: index };
}

export {
  TOOLS_HEADER,
  RESOURCES_HEADER,
  ListFileError,
  decodeUtf8,
  checkList,
  renderList,
  compareNames,
  namesInList,
  IndexFileError,
  updateIndex
};
