// Version-file rules: where a project writes its version, found by pattern (never by line number)
// so that every other byte of the file can be kept when the version is rewritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError, resolveInside, type SourceLocation } from '../action/index.ts';

/**
 * - `version`: holds the full version (`4.3.6b1`); all such files must agree.
 * - `final`: holds only final versions (`4.3.6` while the version is `4.3.6b1`).
 * - `stable-marker`: a value that must be digits only in a stable release (`# Spawn Version:2`,
 *   `2b` during a beta).
 */
export type Role = 'version' | 'final' | 'stable-marker';
export const ROLES: readonly Role[] = ['version', 'final', 'stable-marker'];

export interface VersionRule {
  /** Shown in summaries and errors. */
  name: string;
  /** Candidate paths, relative to the repository root; the first that exists is read. */
  files: string[];
  /** A regular expression (multiline) with exactly one capture group around the value. */
  pattern: string;
  role: Role;
  /** A missing file is not an error (the file appeared or was renamed over the project's life). */
  optional?: boolean;
  /** How a disagreement of a `final` file is reported. */
  severity?: 'error' | 'warning';
  /** Where the rule was declared (input, config file, line), for errors about its paths. */
  origin?: { input: string; file?: string; line?: number };
}

export interface RuleMatch {
  rule: VersionRule;
  /** Absolute path of the file read. */
  file: string;
  /** Offset of the value in the file, in UTF-16 code units of the decoded text. */
  offset: number;
  line: number;
  column: number;
  value: string;
}

export function location(m: RuleMatch): SourceLocation {
  return { file: m.file, line: m.line, column: m.column };
}

export function compileRulePattern(rule: VersionRule): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(rule.pattern, 'dgm');
  } catch (e) {
    throw new ActionError(
      `Rule "${rule.name}": pattern ${JSON.stringify(rule.pattern)} is not a valid regular expression (${(e as Error).message}).`,
    );
  }
  // Counting groups by matching the empty string against an alternation with the pattern.
  const groups = new RegExp(`${rule.pattern}|`).exec('')!.length - 1;
  if (groups !== 1) {
    throw new ActionError(
      `Rule "${rule.name}": pattern must have exactly one capture group around the version, it has ${groups}. Use (?:…) for other groups.`,
    );
  }
  return re;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/**
 * The first of the rule's candidate files that exists. Each is held to the containment rule
 * first: a rule cannot read (or, in bump-next-beta, write) a file outside the workspace, even
 * through a symbolic link. A refusal names the input and, for a config file, its file and line.
 */
export function resolveRuleFile(root: string, rule: VersionRule, input = rule.origin?.input ?? 'rules'): string | null {
  const origin = rule.origin;
  for (const candidate of rule.files) {
    const abs = resolveInside(input, candidate, {
      base: root,
      label: `rule "${rule.name}" file ${JSON.stringify(candidate)}${origin && !origin.file && origin.line ? ` (line ${origin.line} of the input)` : ''}`,
      location: origin?.file ? { file: origin.file, line: origin.line } : undefined,
    });
    if (fs.existsSync(abs)) return abs;
  }
  return null;
}

/** Finds the one value a rule points at; null only for an optional rule whose file is absent. */
export function findRuleValue(root: string, rule: VersionRule, input?: string): RuleMatch | null {
  const file = resolveRuleFile(root, rule, input);
  if (!file) {
    if (rule.optional) return null;
    throw new ActionError(
      `Rule "${rule.name}": ${rule.files.join(' or ')} does not exist in ${root}. Check the path in the rule, or mark the rule optional.`,
    );
  }
  const re = compileRulePattern(rule);
  const text = fs.readFileSync(file, 'utf8');
  const matches = [...text.matchAll(re)];
  const rel = path.relative(root, file);
  if (matches.length === 0) {
    throw new ActionError(
      `Rule "${rule.name}": pattern ${JSON.stringify(rule.pattern)} matches nothing in ${rel}. Fix the pattern or the file.`,
      {
        location: { file },
      },
    );
  }
  if (matches.length > 1) {
    const lines = matches.map((m) => lineAndColumn(text, m.index).line);
    throw new ActionError(
      `Rule "${rule.name}": pattern ${JSON.stringify(rule.pattern)} matches ${matches.length} times in ${rel} (lines ${lines.join(', ')}); it must match once. Anchor the pattern (^…$) or make it more specific.`,
      { location: { file, line: lines[1] } },
    );
  }
  const m = matches[0]!;
  const value = m[1] ?? '';
  const offset = m.indices![1]![0];
  return { rule, file, offset, value, ...lineAndColumn(text, offset) };
}

/** Writes `next` in place of the matched value; every other byte of the file stays as it was. */
export function replaceRuleValue(match: RuleMatch, next: string): void {
  const buf = fs.readFileSync(match.file);
  const text = buf.toString('utf8');
  if (text.slice(match.offset, match.offset + match.value.length) !== match.value) {
    throw new ActionError(`${match.file} changed while it was being updated; run again.`);
  }
  fs.writeFileSync(match.file, text.slice(0, match.offset) + next + text.slice(match.offset + match.value.length));
}
