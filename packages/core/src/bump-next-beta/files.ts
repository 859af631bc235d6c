// The file half of bump-next-beta: read the version the files hold and write the next one, through
// the same rules verify-version reads, so what one writes the other accepts.
import * as path from 'node:path';
import { ActionError, InputError } from '../action/index.ts';
import { findRuleValue, location, replaceRuleValue, type RuleMatch, type VersionRule } from '../files/index.ts';
import { parseVersion, sameVersion, VersionError, type Version } from '../version/index.ts';

/** What happens to `stable-marker` files (the wrapper's `# Spawn Version:2`) when a beta starts. */
export type StableMarkerPolicy = 'keep' | 'beta';

export interface FileChange {
  rule: string;
  /** Relative to the repository root. */
  file: string;
  line: number;
  from: string;
  to: string;
}

export interface VersionFiles {
  /** The version the `version` files agree on; null when the rules declare none (images). */
  current: Version | null;
  matches: RuleMatch[];
}

/** Reads every rule's value; the `version` files must agree and parse. */
export function readVersionFiles(root: string, rules: VersionRule[], rulesInput: string): VersionFiles {
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    const match = find(root, rule, rulesInput);
    if (match) matches.push(match);
  }
  let current: Version | null = null;
  let first: RuleMatch | null = null;
  for (const m of matches.filter((x) => x.rule.role === 'version')) {
    let v: Version;
    try {
      v = parseVersion(m.value);
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      throw new ActionError(`${rel(root, m)}:${m.line}: ${e.message}. Fix the version in the file before bumping it.`, {
        location: location(m),
      });
    }
    if (!current || !first) {
      current = v;
      first = m;
    } else if (!sameVersion(v, current)) {
      throw new ActionError(
        `The version files disagree: ${rel(root, first)} says ${first.value} but ${rel(root, m)} says ${m.value}. Make them the same (verify-version shows every disagreement) before bumping.`,
        { location: location(m) },
      );
    }
  }
  return { current, matches };
}

/**
 * Writes `next` into every `version` file and `next.final` into every `final` file; a
 * `stable-marker` gets the pre-release letter with `beta` (`2` → `2b`) and is kept with `keep`.
 * Every other byte of each file stays as it was. Returns what changed (nothing when the files
 * already hold these values).
 */
export function writeNextVersion(
  root: string,
  rules: VersionRule[],
  rulesInput: string,
  next: Version,
  marker: StableMarkerPolicy,
): FileChange[] {
  const changes: FileChange[] = [];
  for (const rule of rules) {
    // Found again right before writing: an earlier rule may have changed the same file.
    const match = find(root, rule, rulesInput);
    if (!match) continue;
    const target = targetValue(match, next, marker);
    if (target === match.value) continue;
    replaceRuleValue(match, target);
    changes.push({ rule: rule.name, file: rel(root, match), line: match.line, from: match.value, to: target });
  }
  return changes;
}

/** The value a rule's file should hold once `next` is the version. */
export function targetValue(match: RuleMatch, next: Version, marker: StableMarkerPolicy): string {
  switch (match.rule.role) {
    case 'version':
      return next.normalized;
    case 'final':
      // Files that hold only finals (the wrapper's test file) name the release the beta leads to.
      return next.final;
    case 'stable-marker': {
      if (marker === 'keep' || !next.pre || !/^[0-9]+$/.test(match.value)) return match.value;
      return `${match.value}${next.pre.kind}`;
    }
  }
}

function find(root: string, rule: VersionRule, rulesInput: string): RuleMatch | null {
  try {
    return findRuleValue(root, rule, rulesInput);
  } catch (e) {
    // Already names the input (a path the containment rule refused).
    if (!(e instanceof ActionError) || e instanceof InputError) throw e;
    throw new InputError(
      rulesInput,
      e.message.replace(/\.$/, ''),
      'See the rule format in the action README.',
      e.location,
    );
  }
}

function rel(root: string, m: RuleMatch): string {
  return path.relative(root, m.file);
}
