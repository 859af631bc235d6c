// "Nothing changed" made checkable: a snapshot of everything an action could have written —
// refs of remotes and checkouts, work tree files, and the API double's releases, pull requests,
// labels and comments — to compare before and after a failed run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Git } from '@exegol-actions/core/git';
import type { GitHubDouble } from '../github-double/index.ts';

export interface World {
  /** Bare remotes and work trees; a work tree's files are hashed too (.git excluded). */
  repos?: string[];
  env?: Record<string, string>;
  double?: GitHubDouble;
  /** Repositories of the double to snapshot, `owner/name`. */
  apiRepos?: string[];
  /** Extra state to include, e.g. a registry's tags. */
  extra?: () => Promise<unknown>;
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile())
        out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16);
    }
  };
  walk(dir);
  return out;
}

export async function snapshot(world: World): Promise<unknown> {
  const repos: Record<string, unknown> = {};
  for (const dir of world.repos ?? []) {
    const git = Git.at(dir, { env: world.env });
    const bare = !fs.existsSync(path.join(dir, '.git'));
    repos[dir] = {
      refs: await git.refs(),
      head: bare ? null : await git.out(['rev-parse', '--symbolic-full-name', 'HEAD']).catch(() => null),
      files: bare ? null : hashTree(dir),
      index: bare ? null : await git.out(['status', '--porcelain']),
    };
  }
  const api: Record<string, unknown> = {};
  for (const name of world.apiRepos ?? []) {
    const repo = world.double!.state.repo(name);
    api[name] = JSON.parse(
      JSON.stringify({
        releases: repo.releases,
        pulls: repo.pulls,
        labels: [...repo.issueLabels.entries()],
        comments: repo.comments,
      }),
    );
  }
  return { repos, api, extra: world.extra ? await world.extra() : null };
}
