// Line-level CSV for the published lists: every line is kept byte for byte (its text and its own
// line ending) so a file can be edited without rewriting rows nobody asked to touch.
//
// Field splitting: a line without a double quote is split on commas, which is all RFC 4180 says
// about unquoted fields; a line with quotes goes to csv-parse, loaded only when one appears. A
// 10 000-row list is nearly all unquoted lines, and csv-parse's character-level state machine
// would cost more than the rest of the action together on it.

/** One physical line of a text file. */
export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line without its ending. */
  text: string;
  /** `\n`, `\r\n`, or '' for a last line without a newline. */
  eol: string;
}

export interface SplitText {
  lines: Line[];
  /** Whether the last line ends with a newline (the file's trailing-newline convention). */
  endsWithNewline: boolean;
  /** The first line ending seen, `\n` when there is none: what new lines get. */
  eol: string;
  /** A UTF-8 byte order mark was present (and is not part of line 1's text). */
  bom: boolean;
}

export function splitLines(text: string): SplitText {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start < body.length) {
    const nl = body.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ number, text: body.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && body.charCodeAt(nl - 1) === 13;
    lines.push({ number, text: body.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
    number++;
  }
  const last = lines[lines.length - 1];
  return { lines, endsWithNewline: last ? last.eol !== '' : false, eol: lines.find((l) => l.eol)?.eol ?? '\n', bom };
}

/** Joins lines back; the inverse of `splitLines` (without the BOM). */
export function joinLines(lines: readonly Pick<Line, 'text' | 'eol'>[]): string {
  let out = '';
  for (const l of lines) out += l.text + l.eol;
  return out;
}

/**
 * Gives every line but the last an ending, and the last one the file's trailing-newline
 * convention, after rows were removed or inserted.
 */
export function normalizeEndings<T extends Pick<Line, 'text' | 'eol'>>(
  lines: T[],
  convention: { endsWithNewline: boolean; eol: string },
): T[] {
  return lines.map((l, i) => {
    if (i < lines.length - 1) return l.eol ? l : { ...l, eol: convention.eol };
    if (!convention.endsWithNewline) return l.eol ? { ...l, eol: '' } : l;
    return l.eol ? l : { ...l, eol: convention.eol };
  });
}

export type Fields = { fields: string[]; error?: undefined } | { fields?: undefined; error: string };

// csv-parse's sync entry, as called here: without `columns` or `info`, each record is its fields.
export type ParseSync = (input: string, options: Record<string, unknown>) => string[][];
let csvParse: ParseSync | undefined;

/** Loads csv-parse once; call before `splitFields` on text that contains a double quote. */
export async function loadCsvParser(): Promise<ParseSync> {
  if (!csvParse) {
    const mod = (await import('csv-parse/sync')) as { parse: ParseSync; default?: { parse: ParseSync } };
    csvParse = mod.default?.parse ?? mod.parse;
  }
  return csvParse;
}

/**
 * The fields of one line. A quoted field may hold commas and doubled quotes; a quote inside an
 * unquoted field is kept as written (descriptions quote names). A quote that is never closed
 * would make the row run into the next line, which the list formats do not allow.
 */
export function splitFields(text: string): Fields {
  if (!text.includes('"')) return { fields: text.split(',') };
  if (!csvParse) throw new Error('splitFields: call loadCsvParser() first for lines with quotes');
  try {
    const records = csvParse(text, {
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n'],
    });
    if (records.length !== 1) return { error: 'is not one CSV row' };
    return { fields: records[0]! };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/quote not closed/i.test(message)) return { error: 'has a quoted field that is never closed' };
    // csv-parse's messages name its own line and column numbers of this one-line input.
    return {
      error: `is not valid CSV (${message
        .replace(/^Invalid /, '')
        .replace(/ at line \d+/, '')
        .replace(/\.$/, '')})`,
    };
  }
}
