// What a run publishes and where: the key (profile, version, arch), the paths in the docs
// checkout, and the row of the index. Everything here is checked before a file is read.
import * as path from 'node:path';
import { InputError } from '../action/index.ts';
import type { IndexEntry, IndexKind } from '../lists/index.ts';
import { parseVersion, VersionError } from '../version/index.ts';

export type Channel = IndexKind;

export interface ToolsTargetInput {
  channel: Channel;
  profile: string;
  version: string;
  arch: string;
  /** ISO-8601; may be empty when the image's `org.exegol.build_date` label supplies it. */
  buildDate: string;
  /** Folder of the lists and indexes, relative to the docs root. */
  toolsDir: string;
  /** Templates relative to `toolsDir`; empty for the channel's default. */
  listFile: string;
  indexFile: string;
  /** Site path the index links lists under (`/installed_tools/`). */
  linkPrefix: string;
}

export interface ToolsTarget {
  channel: Channel;
  profile: string;
  version: string;
  arch: string;
  /** `<profile>_<version>_<arch>`: names the commit, the summary and the pull request. */
  key: string;
  /** Relative to the docs root. */
  listPath: string;
  indexPath: string;
  /** The list's path relative to `toolsDir`, as the index links it. */
  listInToolsDir: string;
  link: string;
  toolsDir: string;
  /** Fills the list-file template for another version of the same profile and arch. */
  listPathFor(version: string): string;
}

export const DEFAULT_TOOLS_DIR = 'docs/src/public/installed_tools';
export const DEFAULT_LIST_FILE: Record<Channel, string> = {
  release: 'lists/{profile}_{version}_{arch}.csv',
  nightly: 'lists/latest_nightly_{arch}.csv',
};
export const DEFAULT_INDEX_FILE: Record<Channel, string> = {
  release: 'releases_{arch}.csv',
  nightly: 'nightly.csv',
};

const PROFILE = /^[a-z0-9][a-z0-9._-]*$/;
const ARCH = /^[a-z0-9][a-z0-9_]*$/;
const COMMIT = /^[0-9a-f]{8,40}$/i;
const PLACEHOLDER = /\{([a-z]+)\}/g;

/** `YYYY-MM-DDTHH:MM:SSZ` from an ISO-8601 date-time with a zone (`Z` or an offset). */
export function normalizeBuildDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim());
  if (!m) return null;
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms)) return null;
  // Date.parse may roll 2026-02-31 over to March: refuse days that do not exist.
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (day.getUTCDate() !== Number(m[3]) || day.getUTCMonth() + 1 !== Number(m[2])) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A path template relative to `base`, filled, that stays inside it. */
function fillTemplate(input: string, template: string, values: Record<string, string>): string {
  const filled = template.replace(PLACEHOLDER, (all, name: string) => {
    if (!(name in values))
      throw new InputError(
        input,
        `${JSON.stringify(template)} uses the unknown placeholder ${all}`,
        `Use ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')}.`,
      );
    return values[name]!;
  });
  const normalized = path.posix.normalize(filled);
  if (path.posix.isAbsolute(normalized) || normalized.startsWith('..') || !normalized.endsWith('.csv')) {
    throw new InputError(
      input,
      `${JSON.stringify(template)} gives ${JSON.stringify(filled)}`,
      'Give a relative path to a .csv file inside the tools folder.',
    );
  }
  return normalized;
}

export function insideDocs(input: string, rel: string): string {
  const normalized = path.posix.normalize(rel.replace(/\\/g, '/')).replace(/\/$/, '');
  if (!normalized || path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../')) {
    throw new InputError(
      input,
      `${JSON.stringify(rel)} is not a path inside the docs checkout`,
      'Give a path relative to docs-path.',
    );
  }
  return normalized;
}

export function resolveToolsTarget(t: ToolsTargetInput): ToolsTarget {
  const channel = t.channel;
  let profile = t.profile.trim();
  let version = t.version.trim();
  if (channel === 'nightly') {
    if (profile && profile !== 'nightly') {
      throw new InputError(
        'profile',
        `is ${JSON.stringify(profile)} on the nightly channel, whose lists are per arch only`,
        'Leave profile empty (or nightly) for nightly builds.',
      );
    }
    profile = 'nightly';
    if (!COMMIT.test(version)) {
      throw new InputError(
        'version',
        `${JSON.stringify(version)} is not a commit`,
        'On the nightly channel give the commit the image was built from (at least 8 hex characters, e.g. ${{ github.sha }}).',
      );
    }
    version = version.slice(0, 8).toLowerCase();
  } else {
    if (!profile)
      throw new InputError(
        'profile',
        'is required on the release channel',
        'Give the image profile: full, ad, light, osint, web…',
      );
    if (!PROFILE.test(profile) || profile === 'nightly') {
      throw new InputError(
        'profile',
        `${JSON.stringify(profile)} is not an image profile`,
        'Use lower-case letters, digits, dots, dashes or underscores (full, ad, light, osint, web…); nightly builds use channel: nightly.',
      );
    }
    if (!version) throw new InputError('version', 'is required', 'Give the release version, e.g. 3.1.18.');
    try {
      const v = parseVersion(version);
      if (v.normalized !== version)
        throw new VersionError(`${JSON.stringify(version)} is not written canonically: write ${v.normalized}`);
    } catch (error) {
      if (!(error instanceof VersionError)) throw error;
      throw new InputError(
        'version',
        `${error.message}`,
        'Give the release version as the images repository tags it, e.g. 3.1.18 (no v prefix).',
      );
    }
  }
  const arch = t.arch.trim();
  if (!ARCH.test(arch))
    throw new InputError(
      'arch',
      `${JSON.stringify(arch)} is not an architecture`,
      'Use the Docker architecture name: amd64 or arm64.',
    );

  const toolsDir = insideDocs('tools-dir', t.toolsDir || DEFAULT_TOOLS_DIR);
  const values = { profile, version, arch };
  const listTemplate = t.listFile || DEFAULT_LIST_FILE[channel];
  const listInToolsDir = fillTemplate('list-file', listTemplate, values);
  const indexInToolsDir = fillTemplate('index-file', t.indexFile || DEFAULT_INDEX_FILE[channel], values);
  if (listInToolsDir === indexInToolsDir)
    throw new InputError(
      'list-file',
      `and index-file are the same file (${listInToolsDir})`,
      'Give them different paths.',
    );
  const prefix = t.linkPrefix.endsWith('/') ? t.linkPrefix : `${t.linkPrefix}/`;
  return {
    channel,
    profile,
    version,
    arch,
    key: `${profile}_${version}_${arch}`,
    toolsDir,
    listPath: path.posix.join(toolsDir, listInToolsDir),
    indexPath: path.posix.join(toolsDir, indexInToolsDir),
    listInToolsDir,
    link: `${prefix}${listInToolsDir}`,
    listPathFor: (other: string) =>
      path.posix.join(toolsDir, fillTemplate('list-file', listTemplate, { ...values, version: other })),
  };
}

export function indexEntry(target: ToolsTarget, buildDate: string): IndexEntry {
  return { profile: target.profile, version: target.version, arch: target.arch, buildDate, link: target.link };
}
