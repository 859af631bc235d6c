// The three-column lists the docs publish: the tools installed in an image
// (`Tool,Link,Description`) and the offline resources (`Resource,Link,Description`). Validation
// reports every bad row with its line; the rows that pass are kept exactly as written.
import { joinLines, loadCsvParser, normalizeEndings, splitFields, splitLines } from './csv.ts';

export const TOOLS_HEADER = 'Tool,Link,Description';
export const RESOURCES_HEADER = 'Resource,Link,Description';

export interface RowProblem {
  line: number;
  problem: string;
}

export interface Duplicate {
  name: string;
  lines: number[];
}

export interface CheckedList {
  /** The names of the valid rows, in order. */
  names: string[];
  /** Each name lower-cased, to the index in `names` of its first row. */
  keys: Map<string, number>;
  invalid: RowProblem[];
  duplicates: Duplicate[];
  /** Rows beyond the first of each duplicated name. */
  duplicateCount: number;
  /** The text as read, kept to write the valid rows back exactly. */
  text: string;
  bom: boolean;
}

/** A problem with the file as a whole (no header, not UTF-8, no rows): nothing can be kept. */
export class ListFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ListFileError';
  }
}

/**
 * Decodes UTF-8 strictly. On failure, says which lines hold the bad bytes: the usual cause is a
 * description pasted from a Latin-1 or Windows-1252 source.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad: number[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    for (let line = 1; start <= bytes.length; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        bad.push(line);
      }
      start = end + 1;
    }
    const shown = bad.slice(0, 10).join(', ') + (bad.length > 10 ? ` and ${bad.length - 10} more` : '');
    throw new ListFileError(
      `is not UTF-8: invalid bytes on line${bad.length === 1 ? '' : 's'} ${shown}. Save the file as UTF-8`,
      bad[0],
    );
  }
}

const WEB_URL = /^https?:\/\//i;

function checkLink(link: string, allowEmpty: boolean): string | null {
  if (!link.trim()) return allowEmpty ? null : 'the link (column 2) is empty';
  if (!WEB_URL.test(link.trimStart()))
    return URL.canParse(link)
      ? `the link ${JSON.stringify(link)} is not an http(s) URL`
      : `the link ${JSON.stringify(link)} is not a URL`;
  if (!URL.canParse(link)) return `the link ${JSON.stringify(link)} is not a URL`;
  return null;
}

/** The lines of a text without their endings (a trailing newline ends the last line, no more). */
function textLines(body: string): string[] {
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}

export interface CheckOptions {
  /**
   * Accept rows with no link at all (a link that is there must still be a URL). The resources
   * list has one: `Some webshells,,PHP and ASPX webshells`.
   */
  allowEmptyLink?: boolean;
}

/**
 * Checks a list: the header (exact), then each row: three columns, a name, a link that parses as
 * an http(s) URL. Duplicate names (case-insensitive) are allowed and reported. Built for lists of
 * tens of thousands of rows: one pass, little allocated per row.
 */
export async function checkList(
  text: string,
  expectedHeader: string,
  options: CheckOptions = {},
): Promise<CheckedList> {
  const allowEmptyLink = options.allowEmptyLink ?? false;
  const bom = text.startsWith('\uFEFF');
  const lines = textLines(bom ? text.slice(1) : text);
  if (lines.length === 0 || lines.every((l) => l.trim() === ''))
    throw new ListFileError('is empty: expected a header line and at least one row', 1);
  if (text.includes('"')) await loadCsvParser();

  const header = lines[0]!;
  const columns = expectedHeader.split(',').length;
  if (header !== expectedHeader) {
    const first = splitFields(header);
    const looksLikeRow = first.fields?.length === columns && URL.canParse(first.fields[1] ?? '');
    throw new ListFileError(
      looksLikeRow
        ? `has no header: line 1 is a row (${JSON.stringify(header.slice(0, 80))}); the first line must be ${JSON.stringify(expectedHeader)}`
        : `has the header ${JSON.stringify(header.slice(0, 120))}, expected ${JSON.stringify(expectedHeader)}`,
      1,
    );
  }
  if (lines.length === 1) throw new ListFileError('has a header and no rows', 1);

  const names: string[] = [];
  const invalid: RowProblem[] = [];
  const keys = new Map<string, number>();
  const lineOf: number[] = [];
  const duplicates = new Map<string, Duplicate>();
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!;
    const line = i + 1;
    if (text.trim() === '') {
      invalid.push({ line, problem: 'is empty' });
      continue;
    }
    // Unquoted lines (nearly all) are measured without splitting them into an array.
    let count: number;
    let rawName: string;
    let link: string;
    if (!text.includes('"')) {
      count = 1;
      let c1 = -1;
      let c2 = -1;
      for (let c = text.indexOf(','); c >= 0; c = text.indexOf(',', c + 1)) {
        count++;
        if (c1 < 0) c1 = c;
        else if (c2 < 0) c2 = c;
      }
      rawName = c1 < 0 ? text : text.slice(0, c1);
      link = c1 < 0 ? '' : c2 < 0 ? text.slice(c1 + 1) : text.slice(c1 + 1, c2);
    } else {
      const parsed = splitFields(text);
      if (parsed.error !== undefined) {
        invalid.push({ line, problem: parsed.error });
        continue;
      }
      count = parsed.fields.length;
      rawName = parsed.fields[0]!;
      link = parsed.fields[1] ?? '';
    }
    if (count !== columns) {
      invalid.push({
        line,
        problem: `has ${count} column${count === 1 ? '' : 's'}, expected ${columns} (${expectedHeader})${count > columns ? ': a comma in the description splits it' : ''}`,
      });
      continue;
    }
    const name = rawName.trim();
    const linkProblem = checkLink(link, allowEmptyLink);
    if (!name || linkProblem) {
      invalid.push({
        line,
        problem: [name ? '' : 'the name (column 1) is empty', linkProblem ?? ''].filter(Boolean).join('; '),
      });
      continue;
    }
    const key = name.toLowerCase();
    const first = keys.get(key);
    if (first === undefined) keys.set(key, names.length);
    else {
      const dup = duplicates.get(key);
      if (dup) dup.lines.push(line);
      else duplicates.set(key, { name: names[first]!, lines: [lineOf[first]!, line] });
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
    bom,
  };
}

/**
 * The list as it will be published: the header and the valid rows, each byte for byte with its
 * own ending, in the file's order and trailing-newline convention. With no invalid rows and no
 * byte order mark this is the input unchanged.
 */
export function renderList(list: CheckedList): string {
  const body = list.bom ? list.text.slice(1) : list.text;
  if (list.invalid.length === 0) return body;
  const drop = new Set(list.invalid.map((p) => p.line));
  const split = splitLines(body);
  return joinLines(
    normalizeEndings(
      split.lines.filter((l) => !drop.has(l.number)),
      split,
    ),
  );
}

function indexNames(names: readonly string[]): Map<string, number> {
  const keys = new Map<string, number>();
  names.forEach((n, i) => {
    const k = n.trim().toLowerCase();
    if (!keys.has(k)) keys.set(k, i);
  });
  return keys;
}

/**
 * Names in `current` and not in `previous`, and the reverse; case-insensitive, first spelling
 * kept. `currentKeys` (a checked list's `keys`) saves indexing `current` again.
 */
export function compareNames(
  previous: readonly string[],
  current: readonly string[],
  currentKeys: ReadonlyMap<string, number> = indexNames(current),
): { added: string[]; removed: string[] } {
  const before = new Set<string>();
  const removed: string[] = [];
  for (const name of previous) {
    const k = name.trim().toLowerCase();
    if (before.has(k)) continue;
    before.add(k);
    if (!currentKeys.has(k)) removed.push(name.trim());
  }
  const added: string[] = [];
  for (const [k, i] of currentKeys) if (!before.has(k)) added.push(current[i]!.trim());
  return { added, removed };
}

/**
 * The names in a list file already published (a previous version's list), read leniently: it
 * is only compared with, and an old list that would fail today's checks still has names.
 */
export async function namesInList(text: string): Promise<string[]> {
  const lines = textLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (text.includes('"')) await loadCsvParser();
  const names: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const comma = line.indexOf(',');
    // The name is what comes before the first comma, unless it is quoted.
    const name = line.charCodeAt(0) === 34 ? splitFields(line).fields?.[0] : comma < 0 ? line : line.slice(0, comma);
    if (name?.trim()) names.push(name.trim());
  }
  return names;
}
