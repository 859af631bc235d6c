// The parts of releasing exegol/actions itself that are not one of its actions
// (.github/workflows/release.yml runs them around ./verify-version and ./create-release):
//
//   tsx scripts/release.ts check [--notes-file F]
//       the root package.json version is a stable semver version with a CHANGELOG.md section;
//       writes that section to F (the release's text above the generated notes) and
//       `version` / `tag` to GITHUB_OUTPUT when it is set.
//
//   tsx scripts/release.ts move-major --tag vX.Y.Z [--remote origin] [--dry-run] [--allow-older]
//       moves the major tag (v1) to the commit of the release tag vX.Y.Z on the remote, so
//       `uses: exegol/actions/<name>@v1` gets the release. Refuses a pre-release, a tag that is
//       not annotated (create-release makes annotated tags), a release that is not the highest
//       of its major line (users would go backwards), and a GitHub release attached to the major
//       tag (releases belong to vX.Y.Z tags; one on v1 would follow a moving commit). The push is
//       leased on the major tag's old commit, so a concurrent move fails instead of being lost.
//       Pushes with GITHUB_TOKEN (or GH_TOKEN) when set, through git's process environment only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { authConfig, Git } from '@exegol-actions/core/git';
import { compareVersions, parseVersionTag, parseVersion, type Version } from '@exegol-actions/core/version';

class ReleaseError extends Error {}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(name);

function appendFile(envVar: string, text: string): void {
  const file = process.env[envVar];
  if (file) fs.appendFileSync(file, text);
}

/** The text under `## [X.Y.Z]` (or `## X.Y.Z`) up to the next `## ` heading, or null. */
export function changelogSection(changelog: string, version: string): string | null {
  const lines = changelog.split('\n');
  const escaped = version.replace(/\./g, '\\.');
  const start = lines.findIndex((l) => new RegExp(`^## \\[?${escaped}\\]?(\\s|$)`).test(l));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

function check(root: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) throw new ReleaseError('package.json has no "version": add one (e.g. "1.2.0") before releasing.');
  const version = parseVersion(pkg.version, 'semver');
  if (version.isPrerelease)
    throw new ReleaseError(
      `package.json version ${pkg.version} is a pre-release: releases of exegol/actions are stable versions (the major tag follows them).`,
    );
  const changelogFile = path.join(root, 'CHANGELOG.md');
  const section = fs.existsSync(changelogFile)
    ? changelogSection(fs.readFileSync(changelogFile, 'utf8'), pkg.version)
    : null;
  if (!section)
    throw new ReleaseError(
      `CHANGELOG.md has no section "## [${pkg.version}]" with text under it: write what changed before releasing.`,
    );
  const notes = option('--notes-file');
  if (notes) fs.writeFileSync(path.resolve(root, notes), `${section}\n`);
  appendFile('GITHUB_OUTPUT', `version=${pkg.version}\ntag=v${pkg.version}\n`);
  console.log(
    `Version ${pkg.version} (tag v${pkg.version}), changelog section of ${section.split('\n').length} line(s).`,
  );
}

interface RemoteTag {
  /** The tag object (annotated) or the commit (lightweight). */
  object: string;
  /** The commit it names. */
  commit: string;
}

/** The remote's tags, peeled: `git ls-remote --tags` lists `refs/tags/x^{}` after an annotated one. */
async function remoteTags(git: Git, remote: string): Promise<Map<string, RemoteTag>> {
  const tags = new Map<string, RemoteTag>();
  for (const line of await git.lines(['ls-remote', '--tags', remote])) {
    const [sha, ref] = line.split('\t');
    if (!sha || !ref?.startsWith('refs/tags/')) continue;
    const peeled = ref.endsWith('^{}');
    const name = ref.slice('refs/tags/'.length).replace(/\^\{\}$/, '');
    const known = tags.get(name);
    if (peeled) tags.set(name, { object: known?.object ?? sha, commit: sha });
    else tags.set(name, { object: sha, commit: known?.commit ?? sha });
  }
  return tags;
}

/** Is there a GitHub release on `tag`? null when no token or repository is at hand to ask. */
async function releaseOnTag(tag: string): Promise<boolean | null> {
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
  const repository = process.env.GITHUB_REPOSITORY;
  if (!token || !repository) return null;
  const { getGitHubClient, parseRepository } = await import('@exegol-actions/core/github');
  const octokit = await getGitHubClient({ token });
  try {
    await octokit.rest.repos.getReleaseByTag({ ...parseRepository(repository), tag });
    return true;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return false;
    throw e;
  }
}

async function moveMajor(root: string): Promise<void> {
  const tag = option('--tag');
  const remote = option('--remote') ?? 'origin';
  const dryRun = flag('--dry-run');
  if (!tag) throw new ReleaseError('--tag is missing: give the release tag, e.g. --tag v1.2.0.');
  const version = parseVersionTag(tag, 'v', 'semver');
  if (!version) throw new ReleaseError(`${tag} is not a version tag vX.Y.Z.`);
  if (version.isPrerelease)
    throw new ReleaseError(`${tag} is a pre-release: the major tag only follows stable releases.`);
  const major = `v${version.major}`;

  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
  const git = await Git.open(root, token ? authConfig({ token, serverUrl: process.env.GITHUB_SERVER_URL }) : {});
  const tags = await remoteTags(git, remote);

  const release = tags.get(tag);
  if (!release)
    throw new ReleaseError(`${remote} has no tag ${tag}: create the release first (./create-release pushes it).`);
  await git.raw(['fetch', '--quiet', '--no-tags', remote, `+refs/tags/${tag}:refs/tags/${tag}`]);
  if ((await git.out(['cat-file', '-t', `refs/tags/${tag}`])) !== 'tag')
    throw new ReleaseError(
      `${tag} is a lightweight tag: releases are annotated tags (create-release makes them). Nothing was moved.`,
    );

  // The highest stable release of this major line: the major tag never goes below it.
  const line: { name: string; v: Version }[] = [];
  for (const name of tags.keys()) {
    const v = parseVersionTag(name, 'v', 'semver');
    if (v && !v.isPrerelease && v.major === version.major) line.push({ name, v });
  }
  line.sort((a, b) => compareVersions(b.v, a.v));
  const highest = line[0]!;
  if (highest.name !== tag && !flag('--allow-older')) {
    throw new ReleaseError(
      `${tag} is not the highest ${major}.x release (${highest.name} is): moving ${major} to it would take users back. Nothing was moved (--allow-older does it on purpose).`,
    );
  }

  if (await releaseOnTag(major)) {
    throw new ReleaseError(
      `A GitHub release is attached to ${major}: releases belong to vX.Y.Z tags, and one on ${major} would follow a moving commit. Delete it (gh release delete ${major} --yes, keeping the tag), then run again.`,
    );
  }

  const current = tags.get(major);
  const summary = (text: string): void => {
    console.log(text);
    appendFile('GITHUB_STEP_SUMMARY', `### Major tag\n\n${text}\n`);
  };
  if (current?.commit === release.commit) {
    summary(`${major} already points at ${tag} (${release.commit.slice(0, 8)}): unchanged.`);
    return;
  }
  const move = `${major}: ${current ? current.commit.slice(0, 8) : '(new)'} → ${release.commit.slice(0, 8)} (${tag})`;
  if (dryRun) {
    summary(`dry-run: would move ${move}.`);
    return;
  }
  // Lightweight on purpose: the major tag is a pointer that moves, not a release of its own.
  await git.raw(['tag', '--force', major, release.commit]);
  const lease = `--force-with-lease=refs/tags/${major}:${current?.object ?? ''}`;
  const pushed = await git.raw(['push', '--quiet', lease, remote, `refs/tags/${major}:refs/tags/${major}`], {
    allowFailure: true,
  });
  if (pushed.code !== 0) {
    throw new ReleaseError(
      `Could not move ${major} on ${remote}: ${pushed.stderr.trim().split('\n').slice(-2).join(' ')}. If another run moved it meanwhile, run again; else check that the token may push tags (contents: write).`,
    );
  }
  summary(`Moved ${move}.`);
}

const root = process.cwd();
const command = process.argv[2];
try {
  if (command === 'check') check(root);
  else if (command === 'move-major') await moveMajor(root);
  else
    throw new ReleaseError(
      'usage: tsx scripts/release.ts check [--notes-file F] | move-major --tag vX.Y.Z [--remote origin] [--dry-run] [--allow-older]',
    );
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  console.log(`::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
  process.exitCode = 1;
}
