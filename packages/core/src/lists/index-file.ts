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
  /** The row's fields; null for a row of another profile, which is only ever kept as it is. */
  fields: string[] | null;
}

export interface ParsedIndex {
  header: Line;
  rows: IndexRow[];
  endsWithNewline: boolean;
  eol: string;
}

function quoteCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Reads an index: refuses an unknown header and a row that runs over several lines (a quoted
 * field holding a line break: such a row could not be matched or kept safely). The fields are
 * read with csv-parse for the rows that can belong to `profile` (those that start with it, or
 * with a quote); other rows are only kept, so they are not parsed.
 */
export async function parseIndex(kind: IndexKind, text: string, profile: string): Promise<ParsedIndex> {
  const split = splitLines(text);
  const header = split.lines[0];
  if (!header || header.text !== INDEX_HEADERS[kind]) {
    const found = header ? JSON.stringify(header.text.slice(0, 120)) : 'no header (the file is empty)';
    const other = (Object.keys(INDEX_HEADERS) as IndexKind[]).find((k) => k !== kind && header?.text === INDEX_HEADERS[k]);
    throw new IndexFileError(
      `has ${found}, expected the ${kind} index header ${JSON.stringify(INDEX_HEADERS[kind])}${other ? ` (this is a ${other} index: check the channel and the index path)` : ''}`,
      1,
    );
  }
  const rows: IndexRow[] = split.lines.slice(1).map((l) => ({ ...l, fields: null }));
  const candidates = rows.filter((r) => r.text.startsWith(`${profile},`) || r.text.startsWith('"'));
  if (!rows.some((r) => r.text.includes('"'))) {
    for (const r of candidates) r.fields = r.text.split(',');
    return { header, rows, endsWithNewline: split.endsWithNewline, eol: split.eol };
  }
  const parse = await loadCsvParser();
  // An odd number of quotes on a line is a quoted field left open, unless csv-parse (which keeps
  // a quote inside an unquoted field as written) reads the line as one whole row.
  for (const r of rows) {
    if (quoteCount(r.text) % 2 === 1 && splitFields(r.text).error !== undefined) {
      throw new IndexFileError(`has a row that runs over several lines at line ${r.number} (a quoted field holds a line break): fix it by hand`, r.number);
    }
  }
  // The candidates in one csv-parse call: one record per line, as checked above.
  let records: string[][];
  try {
    records = parse(candidates.map((r) => r.text).join('\n'), { relax_quotes: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw new IndexFileError(`is not valid CSV: ${(error as Error).message}`, candidates[0]?.number);
  }
  if (records.length === candidates.length) {
    candidates.forEach((r, i) => (r.fields = records[i]!));
  } else {
    // A quote opened after a quote inside an unquoted field (`a"b,"c`) evens the count and still
    // runs on: find it line by line.
    for (const r of candidates) {
      const one = splitFields(r.text);
      if (one.error !== undefined) throw new IndexFileError(`has a row that runs over several lines at line ${r.number} (${one.error}): fix it by hand`, r.number);
      r.fields = one.fields;
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
    return { text: `${INDEX_HEADERS[kind]}\n${row}\n`, changed: true, replaced: [], alreadyPresent: false, before: null };
  }
  const index = await parseIndex(kind, text, entry.profile);
  const same = index.rows.filter((r) => r.fields !== null && sameKey(kind, r.fields, entry));
  if (same.length === 1 && same[0]!.text === row) return { text, changed: false, replaced: [], alreadyPresent: true, before: index };

  const kept = index.rows.filter((r) => !same.includes(r));
  const lines = normalizeEndings([index.header, { text: row, eol: index.eol }, ...kept], index);
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const out = bom + joinLines(lines);
  return { text: out, changed: out !== text, replaced: same.map((r) => r.text), alreadyPresent: false, before: index };
}
