/**
 * The one version model of exegol/actions.
 *
 * Exegol writes PEP 440 versions (`4.3.6b1`, `4.3.10b2`, tags `4.3.5`); a few callers may
 * hold semver (`1.2.3-beta.1`). Both become the same `Version`, so ordering, "is this a
 * pre-release" and "what comes next" are answered in one place. Grammar and ordering come
 * from `@renovatebot/pep440` and `semver`; this module only narrows them to what a release
 * pipeline can use safely, and refuses the rest with an error that says what would be valid.
 */
import * as pep440 from '@renovatebot/pep440';
// The library's own grammar, needed to see what was *written* (e.g. `4.0-dev` has no dev number)
// where `parse()` only gives the normalised result (`4.0.dev0`).
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
// Only the parser: the whole package (ranges and all) would be parsed at every action start.
import parseSemver from 'semver/functions/parse.js';

export type Scheme = 'pep440' | 'semver';

/** Pre-release kinds, in ascending order. Semver `alpha`/`beta`/`rc` map to these. */
export type PreKind = 'a' | 'b' | 'rc';

export interface Version {
  /** Exactly as given. */
  raw: string;
  scheme: Scheme;
  /** PEP 440 canonical form (`4.3.6-beta.1` → `4.3.6b1`) or `semver.format()` (`1.2.3-beta.1`). */
  normalized: string;
  major: number;
  minor: number;
  patch: number;
  pre: { kind: PreKind; number: number } | null;
  /** PEP 440 `.postN` (a correction of a release, not a pre-release); always null for semver. */
  post: number | null;
  /** PEP 440 `.devN`; always null for semver. */
  dev: number | null;
  /** True for a/b/rc and dev versions (PEP 440: `5.1.5rc1` is a pre-release; `5.1.4.post1` is not). */
  isPrerelease: boolean;
  /** `X.Y.Z`, release segment padded to three parts: `4.3` → `4.3.0`. */
  final: string;
}

/** What `formatVersion` needs: the numbers of a version without its spelling. */
export interface VersionParts {
  major: number;
  minor: number;
  patch: number;
  pre: { kind: PreKind; number: number } | null;
  post?: number | null;
  dev?: number | null;
}

export interface BumpOptions {
  /** Which part to move on from a final version. Default `patch`. */
  part?: 'patch' | 'minor' | 'major';
  /** Kind of pre-release to produce. Default `b` (Exegol's betas). */
  pre?: PreKind;
}

/** The input is not a version this model accepts; the message says why and what would be. */
export class VersionError extends Error {
  override name = 'VersionError';
}

const EXPECTED: Record<Scheme | 'auto', string> = {
  pep440: 'expected PEP 440 like 4.3.6 or 4.3.6b1',
  semver: 'expected semver like 1.2.3 or 1.2.3-beta.1',
  auto: 'expected PEP 440 like 4.3.6 or 4.3.6b1 (or semver like 1.2.3-beta.1)',
};

const KIND_RANK: Record<PreKind, number> = { a: 0, b: 1, rc: 2 };
const SEMVER_LABEL: Record<PreKind, string> = { a: 'alpha', b: 'beta', rc: 'rc' };
const KIND_OF_SEMVER_LABEL = new Map<unknown, PreKind>([
  ['alpha', 'a'],
  ['beta', 'b'],
  ['rc', 'rc'],
]);

const SEMVER_SHAPE = /^\d+\.\d+\.\d+-(?:alpha|beta|rc)\.\d+$/;

const PEP440_GRAMMAR = new RegExp(`^${VERSION_PATTERN}$`, 'i');

/**
 * Reads a version. With `auto`, a strictly semver pre-release (`1.2.3-beta.1`) is semver;
 * anything else is tried as PEP 440 (what Exegol writes), and only a string containing `-`
 * that PEP 440 refuses is then tried as semver, for a better error message.
 *
 * Refused in every scheme: empty or whitespace-padded strings, a leading `v` (tag prefixes
 * belong to the caller, see `parseVersionTag`), local versions and build metadata (`+xyz`),
 * epochs (`1!`), the implicit post-release `4.3.5-1` (semver reads it as a pre-release: write
 * `4.3.5.post1`), more than three release parts, and pre/post/dev markers without a number
 * (`4.0-dev`, `4.3.6b`), so that every accepted version reads one way only. Leading zeros
 * (`05.1.4`) are read as PEP 440 says (`5.1.4`); `hasLeadingZeros` lets a gate refuse them.
 */
export function parseVersion(raw: string, scheme: Scheme | 'auto' = 'auto'): Version {
  if (!Object.hasOwn(EXPECTED, scheme)) {
    throw new TypeError(`unknown version scheme ${JSON.stringify(scheme)}: use pep440, semver or auto`);
  }
  const refuse = (reason: string | null): never => {
    const shown = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
    throw new VersionError(`${shown} is not a valid version: ${reason ? `${reason}; ` : ''}${EXPECTED[scheme]}`);
  };
  const accept = (reading: Reading): Version => (typeof reading === 'string' ? refuse(reading || null) : reading);

  const problem = surfaceProblem(raw);
  if (problem) return refuse(problem);

  if (scheme === 'semver') return accept(readSemver(raw));
  // A strictly semver-shaped pre-release (`1.2.3-beta.1`) is semver: projects that write it
  // that way expect the next one written that way too (`1.2.3-beta.2`, not `1.2.3b2`).
  if (scheme === 'auto' && SEMVER_SHAPE.test(raw)) return accept(readSemver(raw));
  const asPep440 = readPep440(raw);
  if (scheme === 'pep440' || typeof asPep440 !== 'string' || !raw.includes('-')) return accept(asPep440);
  // A semver-shaped string refused for a semver reason (e.g. `1.2.3-x.7`) is best explained in
  // semver terms; anything else (e.g. `4.0-dev`) by what PEP 440 found wrong.
  const asSemver = readSemver(raw);
  return typeof asSemver === 'string' ? refuse(asSemver || asPep440 || null) : asSemver;
}

/** `parseVersion`, but null instead of a `VersionError`. */
export function tryParseVersion(raw: string, scheme: Scheme | 'auto' = 'auto'): Version | null {
  try {
    return parseVersion(raw, scheme);
  } catch (error) {
    if (error instanceof VersionError) return null;
    throw error;
  }
}

/**
 * PEP 440 ordering, also across schemes (semver `1.2.3-beta.1` sorts as `1.2.3b1`):
 * 4.3.6.dev1 < 4.3.6a1 < 4.3.6b1.dev1 < 4.3.6b1 < 4.3.6rc1 < 4.3.6 < 4.3.7b1. Returns -1, 0 or 1.
 */
export function compareVersions(a: Version, b: Version): number {
  return Math.sign(pep440.compare(spell(a, 'pep440'), spell(b, 'pep440')));
}

/** Same meaning, whatever the spelling: `4.3` = `4.3.0`, `4.3.6.b1` = `4.3.6b1` = semver `4.3.6-beta.1`. */
export function sameVersion(a: Version, b: Version): boolean {
  return compareVersions(a, b) === 0;
}

/**
 * The next pre-release, written in `v`'s scheme (PEP 440 `4.3.6b2`, semver `1.2.4-beta.2`).
 *
 * - After a final, `part` moves on: 4.3.5 → 4.3.6b1 (minor 4.4.0b1, major 5.0.0b1).
 * - A pre-release already works towards its own X.Y.Z, so it stays there when that release
 *   is already the asked-for bump (4.3.6b1 → 4.3.6b2; 4.4.0b1 with minor → 4.4.0b2), and moves
 *   on otherwise (4.3.6b1 with minor → 4.4.0b1).
 * - Within the same release: same kind counts up, a higher kind starts at 1
 *   (4.3.6a2 → 4.3.6b1), a dev build reaches its own pre-release (4.3.6b1.dev2 → 4.3.6b1).
 *   A lower kind would sort before `v` and throws a `VersionError` (4.3.6rc1 → beta).
 */
export function nextPrerelease(v: Version, opts: BumpOptions = {}): string {
  const { part = 'patch', pre: kind = 'b' } = opts;
  if (!['patch', 'minor', 'major'].includes(part)) {
    throw new TypeError(`unknown version part ${JSON.stringify(part)}: use patch, minor or major`);
  }
  if (!Object.hasOwn(KIND_RANK, kind)) {
    throw new TypeError(`unknown pre-release kind ${JSON.stringify(kind)}: use a, b or rc`);
  }

  const target = targetRelease(v, part);
  const staysInRelease = target.major === v.major && target.minor === v.minor && target.patch === v.patch;
  let number = 1;
  if (staysInRelease && v.pre) {
    const current = v.pre;
    if (KIND_RANK[current.kind] > KIND_RANK[kind]) {
      const backwards = spell({ ...target, pre: { kind, number: 1 } }, v.scheme);
      // No input is named here: the caller knows which of its inputs chose the kind.
      const same = spell({ ...target, pre: { kind: current.kind, number: current.number + 1 } }, v.scheme);
      throw new VersionError(
        `cannot go from ${v.normalized} to a "${kind}" pre-release: ${backwards} would sort before it; ` +
          `the next "${current.kind}" is ${same}, or release ${v.final} first`,
      );
    }
    // A dev build of the pre-release (`b1.dev2`) leads to it; a post of it (`rc1.post1`) is past it.
    if (current.kind === kind) number = v.dev !== null && v.post === null ? current.number : current.number + 1;
  }
  return spell({ ...target, pre: { kind, number }, post: null, dev: null }, v.scheme);
}

function targetRelease(v: Version, part: 'patch' | 'minor' | 'major'): { major: number; minor: number; patch: number } {
  const { major, minor, patch } = v;
  const own = { major, minor, patch };
  // Only what sorts before X.Y.Z works towards it: `5.1.4.post1.dev1` comes after 5.1.4.
  const towardsOwn = v.pre !== null || (v.dev !== null && v.post === null);
  if (part === 'major')
    return towardsOwn && minor === 0 && patch === 0 ? own : { major: major + 1, minor: 0, patch: 0 };
  if (part === 'minor') return towardsOwn && patch === 0 ? own : { major, minor: minor + 1, patch: 0 };
  return towardsOwn ? own : { major, minor, patch: patch + 1 };
}

/**
 * Writes parts in a scheme's canonical spelling, always with three release parts.
 * The result is read back, so impossible parts (negative numbers, a dev release in semver)
 * throw a `VersionError` instead of producing a string no one can parse.
 */
export function formatVersion(parts: VersionParts, scheme: Scheme): string {
  if (scheme === 'semver' && (parts.dev != null || parts.post != null)) {
    throw new VersionError(
      `${spell(parts, 'pep440')} cannot be written as semver: semver has no ${parts.dev != null ? 'dev' : 'post'} releases`,
    );
  }
  return parseVersion(spell(parts, scheme), scheme).normalized;
}

/**
 * The version a tag names, or null. `prefix` is removed only if the tag starts with it
 * exactly (`parseVersionTag('v4.3.5', 'v')`); Exegol's own tags are bare (`4.3.5`, `4.3.6b1`).
 */
export function parseVersionTag(tag: string, prefix = '', scheme: Scheme | 'auto' = 'auto'): Version | null {
  if (!tag.startsWith(prefix)) return null;
  return tryParseVersion(tag.slice(prefix.length), scheme);
}

/**
 * The tags a "previous release" may be chosen from, named by what they are, because the two
 * meanings give different answers:
 * - `mergedIntoHead`: only tags merged into the commit being released (`git tag --merged`),
 *   so a release on another line (a hotfix branch, a later major) is not "previous";
 * - `anyTag`: every tag in the repository (`git tag --list`), or every published release,
 *   wherever it points.
 * The caller asks git (or the API) for the list its meaning names: this module runs nothing.
 */
export type PreviousTagCandidates = { mergedIntoHead: readonly string[] } | { anyTag: readonly string[] };

export interface HighestVersionTagOptions {
  /** Removed from the start of each tag before it is read; a tag without it is not a version tag. */
  prefix?: string;
  scheme?: Scheme | 'auto';
  /** Only versions strictly below this one. */
  below?: Version;
  /** Skip pre-releases (a/b/rc and dev versions). */
  stableOnly?: boolean;
  /** Tags that never count, compared as written (with their prefix): e.g. the tag being released. */
  except?: Iterable<string>;
}

/**
 * The highest version among the candidate tags, or null when none is a version tag that
 * qualifies. Of tags naming the same version (`4.3` and `4.3.0`), the first listed wins.
 */
export function highestVersionTag(
  candidates: PreviousTagCandidates,
  opts: HighestVersionTagOptions = {},
): { tag: string; version: Version } | null {
  const tags = 'mergedIntoHead' in candidates ? candidates.mergedIntoHead : candidates.anyTag;
  const except = new Set(opts.except);
  let best: { tag: string; version: Version } | null = null;
  for (const tag of tags) {
    if (except.has(tag)) continue;
    const version = parseVersionTag(tag, opts.prefix, opts.scheme);
    if (!version || (opts.stableOnly && version.isPrerelease)) continue;
    if (opts.below && compareVersions(version, opts.below) >= 0) continue;
    if (!best || compareVersions(version, best.version) > 0) best = { tag, version };
  }
  return best;
}

// What both libraries would quietly accept or strip but a pipeline must not: semver.parse()
// trims whitespace, drops `+build` and takes a leading `v`; PEP 440 takes `v`, `+local`, `N!`.
function surfaceProblem(raw: unknown): string | null {
  if (typeof raw !== 'string') return `expected a string, got ${raw === null ? 'null' : typeof raw}`;
  if (raw === '') return 'it is empty';
  if (raw.trim() !== raw) return 'it has leading or trailing whitespace';
  if (/^v/i.test(raw)) return 'it starts with "v" (remove the tag prefix first, e.g. parseVersionTag(tag, "v"))';
  if (raw.includes('+')) return 'local versions and build metadata ("+...") are not accepted';
  if (raw.includes('!')) return 'epochs ("N!") are not accepted';
  return null;
}

/** A version, or why not: a reason, or '' when the text does not even have the scheme's shape. */
type Reading = Version | string;

function readPep440(raw: string): Reading {
  const written = PEP440_GRAMMAR.exec(raw)?.groups;
  const parsed = pep440.parse(raw);
  const normalized = pep440.clean(raw);
  if (!written || !parsed || !normalized) return '';

  if (written.post_n1)
    return `the implicit post-release "-${written.post_n1}" reads as a semver pre-release too: write .post${written.post_n1}`;
  if (written.post_l && !written.post_n2) return `"${written.post_l}" needs a number (like 4.3.5.post1)`;
  if (written.pre_l && !written.pre_n) return `pre-release "${written.pre_l}" needs a number (like 4.3.6b1)`;
  if (written.dev_l && !written.dev_n) return `"${written.dev_l}" needs a number (like 4.3.6.dev1)`;
  if (parsed.release.length > 3) return `the release has ${parsed.release.length} parts, at most 3 (X.Y.Z) are allowed`;

  const [major = 0, minor = 0, patch = 0] = parsed.release;
  // The typings promise arrays, but pre/dev are [label, number] or null at run time.
  const pre = parsed.pre ? { kind: parsed.pre[0] as PreKind, number: Number(parsed.pre[1]) } : null;
  const post = parsed.post ? Number(parsed.post[1]) : null;
  const dev = parsed.dev ? Number(parsed.dev[1]) : null;
  if (![major, minor, patch, pre?.number ?? 0, post ?? 0, dev ?? 0].every(Number.isSafeInteger))
    return 'a number is too large';

  return makeVersion(raw, 'pep440', normalized, { major, minor, patch, pre, post, dev });
}

// The model has only a/b/rc with a number, so other semver pre-releases (`-x.7`, `-beta`,
// `-beta.1.2`, `-1`) are refused rather than guessed at.
function readSemver(raw: string): Reading {
  const parsed = parseSemver(raw);
  if (!parsed) return '';
  const [label, number, ...rest] = parsed.prerelease;
  const kind = KIND_OF_SEMVER_LABEL.get(label);
  let pre: Version['pre'] = null;
  if (parsed.prerelease.length > 0) {
    if (!kind || typeof number !== 'number' || rest.length > 0) {
      return `semver pre-release "${parsed.prerelease.join('.')}" is not supported (use alpha.N, beta.N or rc.N)`;
    }
    pre = { kind, number };
  }
  return makeVersion(raw, 'semver', parsed.format(), {
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    pre,
    post: null,
    dev: null,
  });
}

function makeVersion(raw: string, scheme: Scheme, normalized: string, parts: Required<VersionParts>): Version {
  const { major, minor, patch, post, dev } = parts;
  const pre = parts.pre && Object.freeze({ ...parts.pre });
  return Object.freeze({
    raw,
    scheme,
    normalized,
    major,
    minor,
    patch,
    pre,
    post,
    dev,
    isPrerelease: pre !== null || dev !== null,
    final: `${major}.${minor}.${patch}`,
  });
}

// Canonical spelling without validation: compareVersions calls this on every comparison.
function spell(parts: VersionParts, scheme: Scheme): string {
  const { major, minor, patch, pre } = parts;
  const release = `${major}.${minor}.${patch}`;
  if (scheme === 'semver') return pre ? `${release}-${SEMVER_LABEL[pre.kind]}.${pre.number}` : release;
  const post = parts.post ?? null;
  const dev = parts.dev ?? null;
  return `${release}${pre ? `${pre.kind}${pre.number}` : ''}${post === null ? '' : `.post${post}`}${dev === null ? '' : `.dev${dev}`}`;
}

/**
 * Whether a written version has a number with a leading zero (`05.1.4`, `5.1.5rc01`). PEP 440
 * reads it as `5.1.4`, so a tag spelled as written would name a version no one writes: a release
 * gate refuses it and says the canonical spelling.
 */
export function hasLeadingZeros(raw: string): boolean {
  return /(?:^|[^0-9])0[0-9]/.test(raw);
}
