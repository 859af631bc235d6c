// The one escaping rule for everything an action shows: the log, annotations and the job summary.
// Text from files, git, API responses and other programs is the user's or a stranger's: a file
// named `a\n::warning::x.txt` must not put a `::warning::` line in the log, and a name holding
// `|` must not break a summary table.
//
// The runner reads its stdout line by line (a line ends at \n, \r or \r\n) and runs a line as a
// workflow command when, after leading white space, it starts with `::` (or holds `##[`, the
// old form). So: every line of logged text is defused (a leading `::` gets a backslash, `##[`
// a zero-width space), and single-line values show their control characters as escapes.
// @actions/core already escapes annotation messages and titles (%0A…), so annotations stay one
// command each; they still go through here so that there is one door to the log.
import * as core from '@actions/core';

const COMMAND_START = /^(\s*)(::)/;
const OLD_COMMAND = /##\[/g;

/** One line that the runner will not take for a workflow command. */
function defuseLine(line: string): string {
  return line.replace(COMMAND_START, '$1\\$2').replace(OLD_COMMAND, '##\u200b[');
}

/** Text for the log, any number of lines: no line of it can start a workflow command. */
export function logText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(defuseLine)
    .join('\n');
}

/**
 * A value that must stay on one line (a file name, a branch, a title): line breaks and other
 * control characters are shown as escapes (`\n`, `\x1b`), so the value can neither end the line it
 * is on nor colour or rewrite the log.
 */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return defuseLine(shown);
}

export function info(message: string): void {
  core.info(logText(message));
}

export type AnnotationProps = core.AnnotationProperties;

export function warning(message: string, props?: AnnotationProps): void {
  core.warning(message, props);
}

export function error(message: string, props?: AnnotationProps): void {
  core.error(message, props);
}

export function notice(message: string, props?: AnnotationProps): void {
  core.notice(message, props);
}

export function debug(message: string): void {
  core.debug(message);
}

/** A foldable group in the log; its title is escaped by @actions/core like an annotation. */
export function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return core.group(name, fn);
}

export function startGroup(name: string): void {
  core.startGroup(name);
}

export function endGroup(): void {
  core.endGroup();
}

// ---- Markdown for the job summary ----

/**
 * Plain text inside Markdown, on one line: characters that would start markup or HTML are escaped
 * (those that only matter at a line's start, there only), so the text shows as it is.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)(#|>|[-+=](?=\s|$)|\d+[.)](?=\s|$))/, '$1\\$2');
}

/** An inline code span that holds any text: the fence is longer than any run of backticks in it. */
export function mdCode(text: string): string {
  const value = oneLine(text);
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * A table cell made of Markdown built with mdText/mdCode (or trusted text): a `|`, even inside a
 * code span, would end the cell, and a line break would end the table.
 */
export function mdCell(markdown: string): string {
  return markdown.replace(/\r\n|\r|\n/g, '<br>').replace(/(?<!\\)\|/g, '\\|');
}

/** A fenced code block that holds any text: its fence is longer than any run of backticks inside. */
export function mdBlock(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}

/**
 * Hides a secret in the log from here on: the whole value, and each line of a multi-line one (a
 * log line never holds a whole key). Lines shorter than 8 characters are left alone, as masking
 * them would hide common words everywhere, and so are PEM armour lines (`-----BEGIN …`), which
 * are the same in every key.
 */
export function maskSecret(value: string): void {
  if (!value) return;
  core.setSecret(value);
  for (const line of value.split('\n').map((l) => l.trim()))
    if (line !== value && line.length >= 8 && !line.startsWith('-----')) core.setSecret(line);
}
