// The index CSVs of the docs (`releases_<arch>.csv`, `nightly.csv`): one row per published list,
// newest first. Updating one replaces the row of one key and leaves every other byte alone: old
// rows in the Sphinx format stay as they are, and `full,3.1.1` never matches `full,3.1.10`.
import { joinLines, loadCsvParser, normalizeEndings, splitFields, splitLines, type Line } from './csv.ts';

export type IndexKind = 'release' | 'nightly';

export const INDEX_HEADERS: Record<IndexKind, string> = {
  release: 'Image tag,Version,Build date,Tools list',
  nightly: 'Image tag,Version,Arch,Build date,Tools list',
};

export interface IndexEntry {
  /** `full`, `ad`…; `nightly` for nightly builds. */
  profile: string;
  /** `3.1.17`, or the commit's first 8 characters for nightly. */
  version: string;
  arch: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  buildDate: string;
  /** Site path of the list file: `/installed_tools/lists/full_3.1.17_amd64.csv`. */
  link: string;
}

/** A row in the format the docs use today (quoted date, Markdown download link). */
export function indexRow(kind: IndexKind, e: IndexEntry): string {
  const download = `[download](<${e.link}>)`;
  return kind === 'nightly'
    ? `${e.profile},${e.version},${e.arch},"${e.buildDate}",${download}`
    : `${e.profile},${e.version},"${e.buildDate}",${download}`;
}

/** Whether a row's columns name the same key: profile and version, or nightly and arch. */
function sameKey(kind: IndexKind, fields: readonly string[], e: IndexEntry): boolean {
  if (kind === 'nightly') return fields[0] === e.profile && fields[2] === e.arch;
  return fields[0] === e.profile && fields[1] === e.version;
}

export class IndexFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'IndexFileError';
  }
}

export interface IndexRow extends Line {
  /**
   * The leading fields that make a key (profile and version; for nightly, also the arch); null
   * for a row of another profile, which is only ever kept as it is.
   */
  key: string[] | null;
}

export interface ParsedIndex {
  header: Line;
  rows: IndexRow[];
  endsWithNewline: boolean;
  eol: string;
}

/** Fields up to the key's last: profile, version (and arch for nightly). */
const KEY_FIELDS: Record<IndexKind, number> = { release: 2, nightly: 3 };

function quoteCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * The first `n` fields of a line when no quote comes before the n-th comma: such fields are
 * unquoted, and an unquoted CSV field is exactly the text between two commas. Null otherwise.
 */
function plainLeadingFields(text: string, n: number): string[] | null {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const comma = text.indexOf(',', start);
    const end = comma < 0 ? text.length : comma;
    const field = text.slice(start, end);
    if (field.includes('"')) return null;
    fields.push(field);
    if (comma < 0) break;
    start = comma + 1;
  }
  return fields;
}

/**
 * Reads an index: refuses an unknown header and a row that runs over several lines (a quoted
 * field holding a line break: such a row could not be matched or kept safely). Only the rows
 * that can belong to `profile` (those that start with it, or with a quote) have their key
 * fields read: where those fields hold no quote (all the docs' rows, Sphinx-era ones included)
 * they are the text between commas; otherwise csv-parse reads the row.
 */
export async function parseIndex(kind: IndexKind, text: string, profile: string): Promise<ParsedIndex> {
  const split = splitLines(text);
  const header = split.lines[0];
  if (!header || header.text !== INDEX_HEADERS[kind]) {
    const found = header ? JSON.stringify(header.text.slice(0, 120)) : 'no header (the file is empty)';
    const other = (Object.keys(INDEX_HEADERS) as IndexKind[]).find(
      (k) => k !== kind && header?.text === INDEX_HEADERS[k],
    );
    throw new IndexFileError(
      `has ${found}, expected the ${kind} index header ${JSON.stringify(INDEX_HEADERS[kind])}${other ? ` (this is a ${other} index: check the channel and the index path)` : ''}`,
      1,
    );
  }
  const rows: IndexRow[] = split.lines.slice(1).map((l) => ({ ...l, key: null }));
  // An odd number of quotes on a line is a quoted field left open, unless csv-parse (which keeps
  // a quote inside an unquoted field as written) reads the line as one whole row.
  const odd = rows.filter((r) => quoteCount(r.text) % 2 === 1);
  if (odd.length) await loadCsvParser();
  for (const r of odd) {
    if (splitFields(r.text).error !== undefined) {
      throw new IndexFileError(
        `has a row that runs over several lines at line ${r.number} (a quoted field holds a line break): fix it by hand`,
        r.number,
      );
    }
  }
  const n = KEY_FIELDS[kind];
  const quoted: IndexRow[] = [];
  for (const r of rows) {
    if (!r.text.startsWith(`${profile},`) && !r.text.startsWith('"')) continue;
    r.key = plainLeadingFields(r.text, n);
    if (!r.key) quoted.push(r);
  }
  if (quoted.length) {
    await loadCsvParser();
    for (const r of quoted) {
      const one = splitFields(r.text);
      // `a"b,"c`: a quote inside an unquoted field, then a quoted field left open.
      if (one.error !== undefined)
        throw new IndexFileError(
          `has a row that runs over several lines at line ${r.number} (${one.error}): fix it by hand`,
          r.number,
        );
      r.key = one.fields.slice(0, n);
    }
  }
  return { header, rows, endsWithNewline: split.endsWithNewline, eol: split.eol };
}

export interface IndexUpdate {
  text: string;
  changed: boolean;
  /** Rows of the same key that were removed (each as written). */
  replaced: string[];
  /** The new row is already there, exactly: a re-run of the same build. */
  alreadyPresent: boolean;
  /** The index as it was read (null when there was none). */
  before: ParsedIndex | null;
}

/**
 * Puts `entry`'s row first under the header and removes every other row of its key (matched
 * column by column). When the exact row is already there and is the only one of its key, the
 * file is left as it is, wherever the row stands: re-running a build's export changes nothing.
 * A missing or empty file becomes the header and the row.
 */
export async function updateIndex(kind: IndexKind, text: string | null, entry: IndexEntry): Promise<IndexUpdate> {
  const row = indexRow(kind, entry);
  if (text === null || text === '') {
    return {
      text: `${INDEX_HEADERS[kind]}\n${row}\n`,
      changed: true,
      replaced: [],
      alreadyPresent: false,
      before: null,
    };
  }
  const index = await parseIndex(kind, text, entry.profile);
  const same = index.rows.filter((r) => r.key !== null && sameKey(kind, r.key, entry));
  if (same.length === 1 && same[0]!.text === row)
    return { text, changed: false, replaced: [], alreadyPresent: true, before: index };

  const kept = index.rows.filter((r) => !same.includes(r));
  const lines = normalizeEndings([index.header, { text: row, eol: index.eol }, ...kept], index);
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const out = bom + joinLines(lines);
  return { text: out, changed: out !== text, replaced: same.map((r) => r.text), alreadyPresent: false, before: index };
}
