// The wrapper's release gate: the version files agree, the tag matches, a stable release carries
// no pre-release marker, the version moves forward, and the release PR is ready.
import { InputError, ActionError, type Check, type SourceLocation } from '../action/index.ts';
import { findRuleValue, location, type RuleMatch, type VersionRule } from '../files/index.ts';
import type { Git, HistorySource } from '../git/index.ts';
import {
  compareVersions,
  hasLeadingZeros,
  highestVersionTag,
  parseVersionTag,
  nextPrerelease,
  parseVersion,
  sameVersion,
  VersionError,
  type Version,
} from '../version/index.ts';
import type { ReleasePullRequest } from './types.ts';

export type { ReleasePullRequest } from './types.ts';

export interface VerifyOptions {
  root: string;
  rules: VersionRule[];
  /** The input the rules came from, named in configuration errors. */
  rulesInput: string;
  /** A version given directly (e.g. from a release PR title), checked against the files. */
  version?: { value: string; source: string };
  tag?: { value: string; source: string };
  tagPrefix: string;
  requireStable: { required: boolean; reason: string };
  /** Overrides the severity of `final` rules (the wrapper's test file warns by default). */
  finalSeverity?: 'error' | 'warning';
  /** null: do not compare with earlier releases. */
  git: Git | null;
  /** Looks up the release PR; null when that check is off. */
  releasePr: null | {
    titleTemplate: string;
    describe: string;
    /** The release pull request's head: the dev branch of this repository, never a fork's. */
    head?: { repository: string; ref: string };
    find: () => Promise<ReleasePullRequest | null>;
  };
}

export interface VerifyResult {
  ok: boolean;
  checks: Check[];
  version: Version | null;
  previousTag: string | null;
  history: HistorySource | 'not-read';
  sources: { name: string; value: string; where: string }[];
}

interface Source {
  name: string;
  raw: string;
  role: VersionRule['role'] | 'input';
  severity: 'error' | 'warning';
  loc?: SourceLocation;
  match?: RuleMatch;
}

export async function verifyVersion(opts: VerifyOptions): Promise<VerifyResult> {
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);

  const sources = readSources(opts);
  const versionSources = sources.filter((s) => s.role === 'version' || s.role === 'input');
  if (versionSources.length === 0) {
    throw new InputError(
      opts.rulesInput,
      'no version to check: the rules declare no version file and no version was given',
      'Set the "version" input, run on a tag push, or declare a rule with role "version".',
    );
  }

  // 1. Every declared value parses.
  const parsed = new Map<Source, Version>();
  for (const s of sources.filter((x) => x.role !== 'stable-marker')) {
    try {
      parsed.set(s, parseVersion(s.raw));
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      add({ id: `parse:${s.name}`, title: `${s.name} parses`, status: 'fail', detail: e.message, location: s.loc });
    }
  }
  // A stable marker (spawn.sh's `# Spawn Version:`) has its own shape: digits, a letter a or b
  // for a pre-release (`2`, `2b`). Checked on every run, as Exegol's CI greps it on every push;
  // only a stable release requires digits only (below).
  for (const s of sources.filter((x) => x.role === 'stable-marker')) {
    if (/^[0-9]+[ab]?$/.test(s.raw))
      add({ id: `marker:${s.name}`, title: `${s.name} is well formed`, status: 'pass', detail: `${s.name}: ${s.raw}` });
    else
      add({
        id: `marker:${s.name}`,
        title: `${s.name} is well formed`,
        status: 'fail',
        detail: `${s.name} is "${s.raw}": write digits, with a or b after them for a pre-release (e.g. 2 or 2b).`,
        location: s.loc,
      });
  }
  const primary = versionSources.find((s) => parsed.has(s));
  const version = primary ? parsed.get(primary)! : null;
  if (version && !checks.some((c) => c.status === 'fail')) {
    add({
      id: 'parse',
      title: 'Version strings parse',
      status: 'pass',
      detail: sources
        .filter((s) => s.role !== 'stable-marker')
        .map((s) => `${s.name}: ${s.raw}`)
        .join(', '),
    });
  }

  // 2. All version sources agree after normalisation.
  if (version) {
    const disagree = versionSources.filter((s) => parsed.has(s) && !sameVersion(parsed.get(s)!, version));
    for (const s of disagree) {
      add({
        id: `agree:${s.name}`,
        title: 'Versions agree',
        status: 'fail',
        detail: `${s.name} says ${s.raw} but ${primary!.name} says ${primary!.raw}. Make them the same.`,
        location: s.loc,
      });
    }
    if (disagree.length === 0 && versionSources.length > 1) {
      add({
        id: 'agree',
        title: 'Versions agree',
        status: 'pass',
        detail: `${versionSources.length} sources say ${version.normalized}`,
      });
    }

    // 2b. Spelled as it will be tagged: PEP 440 reads 05.1.4 as 5.1.4, and the tag is 5.1.4.
    for (const s of versionSources.filter((x) => parsed.has(x) && hasLeadingZeros(x.raw))) {
      add({
        id: `canonical:${s.name}`,
        title: 'Version without leading zeros',
        status: 'fail',
        detail: `${s.name} says ${s.raw}: a number has a leading zero, which PEP 440 drops (${parsed.get(s)!.normalized}). Write ${parsed.get(s)!.normalized}.`,
        location: s.loc,
      });
    }

    // 3. Files that hold only final versions hold this version's final.
    for (const s of sources.filter((x) => x.role === 'final' && parsed.has(x))) {
      const v = parsed.get(s)!;
      const ok = !v.isPrerelease && v.final === version.final;
      add({
        id: `final:${s.name}`,
        title: `${s.name} holds the final version`,
        status: ok ? 'pass' : s.severity === 'error' ? 'fail' : 'warn',
        detail: ok
          ? `${s.raw} = ${version.final}`
          : `${s.name} says ${s.raw}, expected ${version.final}. Update it to '${version.final}'.`,
        location: s.loc,
      });
    }
  }

  // 4. The tag names this version.
  if (opts.tag && version) {
    // create-release tags the canonical spelling; a tag spelled as the file is written is accepted too.
    const expected = `${opts.tagPrefix}${version.normalized}`;
    const tagVersion = parseVersionTag(opts.tag.value, opts.tagPrefix);
    let detail: string;
    let ok = false;
    if (!tagVersion) {
      detail = `tag ${JSON.stringify(opts.tag.value)} (${opts.tag.source}) is not a version${opts.tagPrefix ? ` with prefix "${opts.tagPrefix}"` : ''}: expected ${expected}.`;
    } else if (
      opts.tag.value !== expected &&
      (opts.tag.value !== `${opts.tagPrefix}${version.raw}` || hasLeadingZeros(version.raw))
    ) {
      detail = `tag ${opts.tag.value} (${opts.tag.source}) does not match version ${version.raw}: expected tag ${expected}.`;
    } else {
      ok = true;
      detail = `${opts.tag.value} = ${expected}`;
    }
    add({
      id: 'tag',
      title: 'Tag matches the version',
      status: ok ? 'pass' : 'fail',
      detail,
      location: ok ? undefined : primary?.loc,
    });
  }

  // 5. A stable release carries no pre-release marker.
  if (version) {
    if (!opts.requireStable.required) {
      add({
        id: 'stable',
        title: 'Stable release',
        status: 'skip',
        detail: `not required (${opts.requireStable.reason})`,
      });
    } else {
      const problems: Check[] = [];
      if (version.isPrerelease) {
        problems.push({
          id: 'stable',
          title: 'Stable release',
          status: 'fail',
          detail: `${version.raw} is a pre-release, but a stable release is required (${opts.requireStable.reason}). Set the version to ${version.final}.`,
          location: primary?.loc,
        });
      }
      for (const s of sources.filter((x) => x.role === 'stable-marker')) {
        if (!/^[0-9]+$/.test(s.raw)) {
          problems.push({
            id: `stable:${s.name}`,
            title: 'Stable release',
            status: 'fail',
            detail: `${s.name} is "${s.raw}": a stable release needs digits only (drop the letter, e.g. "${s.raw.replace(/[^0-9]/g, '') || '2'}").`,
            location: s.loc,
          });
        }
      }
      if (problems.length) problems.forEach(add);
      else
        add({
          id: 'stable',
          title: 'Stable release',
          status: 'pass',
          detail: `${version.raw} has no pre-release marker (${opts.requireStable.reason})`,
        });
    }
  }

  // 6. The version is above the previous release.
  let previousTag: string | null = null;
  let history: VerifyResult['history'] = 'not-read';
  if (opts.git && version) {
    history = await opts.git.ensureHistory();
    const head = await opts.git.head();
    // A tag on HEAD itself is this release (or a re-run of it), not the previous one.
    const onHead = await opts.git.tagsPointingAt(head);
    const found = highestVersionTag(
      { mergedIntoHead: await opts.git.tagsMergedInto(head) },
      { prefix: opts.tagPrefix, except: onHead },
    );
    const previous = found?.version ?? null;
    previousTag = found?.tag ?? null;
    const how = {
      complete: 'local history',
      unshallowed: 'fetched full history and tags',
      'fetched-tags': 'fetched tags',
    }[history];
    if (!previous) {
      add({
        id: 'greater',
        title: 'Version is above the previous release',
        status: 'pass',
        detail: `no earlier version tag is reachable from ${head.slice(0, 8)} (${how}): first release`,
      });
    } else {
      const ok = compareVersions(version, previous) > 0;
      add({
        id: 'greater',
        title: 'Version is above the previous release',
        status: ok ? 'pass' : 'fail',
        detail: ok
          ? `${version.raw} > ${previousTag} (${how})`
          : `${version.raw} is not above the previous release ${previousTag} (${how}). Raise the version above ${previous.raw}.`,
        location: ok ? undefined : primary?.loc,
      });
    }
  }

  // 7. The release PR is open, ready, and named for this version.
  if (opts.releasePr && version) {
    const expected = opts.releasePr.titleTemplate.replaceAll('{version}', version.raw);
    const pr = await opts.releasePr.find();
    let status: Check['status'] = 'fail';
    let detail: string;
    const want = opts.releasePr.head;
    if (!pr) detail = `no open pull request ${opts.releasePr.describe}. Open one titled "${expected}".`;
    else if (
      want &&
      pr.head &&
      (pr.head.repository?.toLowerCase() !== want.repository.toLowerCase() || pr.head.ref !== want.ref)
    ) {
      // A fork's pull request into the release branch (or another branch's) is not the release
      // pull request, whatever its title.
      detail = `pull request #${pr.number} comes from ${pr.head.label}${pr.head.repository && pr.head.repository.toLowerCase() !== want.repository.toLowerCase() ? ` (the fork ${pr.head.repository})` : ''}, not from ${want.repository.split('/')[0]}:${want.ref}: it is not the release pull request. Open the release pull request ${opts.releasePr.describe} in ${want.repository}, and target ${want.ref} with other changes.`;
    } else if (pr.draft) detail = `pull request #${pr.number} is a draft. Mark it ready for review before releasing.`;
    else if (pr.title.trim() !== expected)
      detail = `pull request #${pr.number} is titled "${pr.title}", expected "${expected}". Rename it.`;
    else {
      status = 'pass';
      detail = `#${pr.number} "${pr.title}"`;
    }
    add({ id: 'release-pr', title: 'Release pull request', status, detail });
  }

  return {
    ok: !checks.some((c) => c.status === 'fail'),
    checks,
    version,
    previousTag,
    history,
    sources: sources.map((s) => ({
      name: s.name,
      value: s.raw,
      where: s.loc ? `${s.loc.file}:${s.loc.line ?? ''}` : s.name,
    })),
  };
}

function readSources(opts: VerifyOptions): Source[] {
  const sources: Source[] = [];
  for (const rule of opts.rules) {
    let match: RuleMatch | null;
    try {
      match = findRuleValue(opts.root, rule, opts.rulesInput);
    } catch (e) {
      // Already names the input (a path the containment rule refused).
      if (!(e instanceof ActionError) || e instanceof InputError) throw e;
      throw new InputError(
        opts.rulesInput,
        e.message.replace(/\.$/, ''),
        'See the rule format in the action README.',
        e.location,
      );
    }
    if (!match) continue;
    sources.push({
      name: rule.name,
      raw: match.value,
      role: rule.role,
      severity: rule.role === 'final' ? (opts.finalSeverity ?? rule.severity ?? 'error') : 'error',
      loc: location(match),
      match,
    });
  }
  if (opts.version)
    sources.unshift({ name: opts.version.source, raw: opts.version.value, role: 'input', severity: 'error' });
  else if (opts.tag && !sources.some((s) => s.role === 'version')) {
    // Nothing else names the version (the images repository): the tag does.
    const v = opts.tag.value.startsWith(opts.tagPrefix) ? opts.tag.value.slice(opts.tagPrefix.length) : opts.tag.value;
    sources.push({ name: opts.tag.source, raw: v, role: 'input', severity: 'error' });
  }
  return sources;
}

/**
 * The next beta that sorts above `v`. From a release candidate (`5.1.5rc1`) the betas of its own
 * release are behind it, so the next beta is the next release's first (`5.1.6b1`).
 */
export function nextBeta(v: Version): string {
  if (v.pre?.kind === 'rc') return nextPrerelease(parseVersion(v.final, v.scheme), { part: 'patch', pre: 'b' });
  return nextPrerelease(v, { part: 'patch', pre: 'b' });
}
export * from './release-pr.ts';
