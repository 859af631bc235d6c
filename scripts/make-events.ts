// Writes test/events/<template>-<case>.json: an event payload for every trigger of every
// workflow template, for `act <event> -W workflows-templates/<template>.yml -e <file>` and for
// tests. Each is GitHub's own example payload (@octokit/webhooks-examples) with the fields the
// templates read set to the Exegol repositories, branches, titles and versions. GitHub has no
// example for `schedule`: that one is made here with the fields Actions puts in it.
//
//   pnpm run events            write the files
//   pnpm run events -- --check fail if a file differs from what would be written
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventPayload, repoRoot } from '@exegol-actions/testkit/runner';

/** A stable, made-up commit SHA for a name: the same files at every run. */
const sha = (name: string): string => createHash('sha1').update(`exegol-events:${name}`).digest('hex');

interface Repo {
  full: string;
  defaultBranch: string;
}
const WRAPPER: Repo = { full: 'ThePorgs/Exegol', defaultBranch: 'master' };
const IMAGES: Repo = { full: 'ThePorgs/Exegol-images', defaultBranch: 'main' };
const DOCS: Repo = { full: 'ThePorgs/Exegol-docs', defaultBranch: 'main' };
const RESOURCES: Repo = { full: 'ThePorgs/Exegol-resources', defaultBranch: 'main' };

function repository(repo: Repo): Record<string, unknown> {
  const [owner, name] = repo.full.split('/');
  return {
    name,
    full_name: repo.full,
    owner: { login: owner, html_url: `https://github.com/${owner}`, type: 'Organization' },
    html_url: `https://github.com/${repo.full}`,
    url: `https://api.github.com/repos/${repo.full}`,
    clone_url: `https://github.com/${repo.full}.git`,
    git_url: `git://github.com/${repo.full}.git`,
    ssh_url: `git@github.com:${repo.full}.git`,
    default_branch: repo.defaultBranch,
    master_branch: repo.defaultBranch,
    private: false,
    fork: false,
  };
}

const SENDER = { login: 'exegol-maintainer', type: 'User' };

function push(repo: Repo, ref: string): Record<string, unknown> {
  const after = sha(`${repo.full}:${ref}`);
  const isTag = ref.startsWith('refs/tags/');
  const commit = {
    id: after,
    tree_id: sha(`${after}:tree`),
    message: isTag ? `Release ${ref.split('/').pop()}` : 'Update',
    distinct: true,
    url: `https://github.com/${repo.full}/commit/${after}`,
  };
  return eventPayload(
    {
      name: 'push',
      payload: {
        before: isTag ? '0000000000000000000000000000000000000000' : sha(`${repo.full}:${ref}:before`),
        created: isTag,
        deleted: false,
        forced: false,
        base_ref: null,
        compare: `https://github.com/${repo.full}/compare/${after.slice(0, 12)}`,
        commits: isTag ? [] : [commit],
        head_commit: commit,
        repository: repository(repo),
        pusher: { name: SENDER.login, email: 'maintainer@example.invalid' },
        sender: SENDER,
      },
    },
    { repository: repo.full, ref, sha: after },
  );
}

function pullRequest(
  repo: Repo,
  action: string,
  pr: { number: number; title: string; head: string; base: string; draft?: boolean; merged?: boolean },
): Record<string, unknown> {
  const headSha = sha(`${repo.full}:pr${pr.number}:head`);
  const side = (ref: string, s: string) => ({
    label: `${repo.full.split('/')[0]}:${ref}`,
    ref,
    sha: s,
    repo: repository(repo),
    user: { login: repo.full.split('/')[0] },
  });
  const closed = action === 'closed';
  return eventPayload(
    {
      name: 'pull_request',
      action,
      payload: {
        action,
        number: pr.number,
        pull_request: {
          number: pr.number,
          title: pr.title,
          body: `${pr.title}: see the changelog.`,
          state: closed ? 'closed' : 'open',
          draft: pr.draft ?? false,
          merged: pr.merged ?? false,
          merged_at: pr.merged ? '2026-12-01T15:00:00Z' : null,
          closed_at: closed ? '2026-12-01T15:00:00Z' : null,
          merge_commit_sha: sha(`${repo.full}:pr${pr.number}:merge`),
          html_url: `https://github.com/${repo.full}/pull/${pr.number}`,
          url: `https://api.github.com/repos/${repo.full}/pulls/${pr.number}`,
          head: side(pr.head, headSha),
          base: side(pr.base, sha(`${repo.full}:${pr.base}`)),
          labels: [],
          user: SENDER,
        },
        repository: repository(repo),
        sender: SENDER,
      },
    },
    { repository: repo.full, ref: `refs/pull/${pr.number}/merge`, sha: headSha },
  );
}

function workflowDispatch(repo: Repo, workflow: string, inputs: Record<string, unknown>): Record<string, unknown> {
  return eventPayload(
    {
      name: 'workflow_dispatch',
      payload: {
        inputs,
        ref: `refs/heads/${repo.defaultBranch}`,
        workflow: `.github/workflows/${workflow}`,
        repository: repository(repo),
        sender: SENDER,
      },
    },
    { repository: repo.full, ref: `refs/heads/${repo.defaultBranch}`, sha: sha(repo.full) },
  );
}

/** What Actions puts in a schedule event: the cron line, the workflow, the repository. */
function schedule(repo: Repo, workflow: string, cron: string): Record<string, unknown> {
  return { schedule: cron, workflow: `.github/workflows/${workflow}`, repository: repository(repo) };
}

const events: Record<string, [Repo, Record<string, unknown>]> = {
  // act pull_request -W workflows-templates/wrapper.yml -e test/events/wrapper-pull-request-release.json
  'wrapper-pull-request-release': [
    WRAPPER,
    pullRequest(WRAPPER, 'opened', { number: 250, title: 'Release 5.1.4', head: 'dev', base: 'master' }),
  ],
  'wrapper-push-dev': [WRAPPER, push(WRAPPER, 'refs/heads/dev')],
  'wrapper-push-tag': [WRAPPER, push(WRAPPER, 'refs/tags/5.1.4')],
  'wrapper-workflow-dispatch': [WRAPPER, workflowDispatch(WRAPPER, 'wrapper.yml', {})],
  'images-pull-request-release': [
    IMAGES,
    pullRequest(IMAGES, 'opened', { number: 420, title: 'Release 3.1.6', head: 'dev', base: 'main' }),
  ],
  'images-push-dev': [IMAGES, push(IMAGES, 'refs/heads/dev')],
  'images-push-tag': [IMAGES, push(IMAGES, 'refs/tags/3.1.6')],
  'images-schedule': [IMAGES, schedule(IMAGES, 'images.yml', '0 4 * * 1')],
  'images-workflow-dispatch': [IMAGES, workflowDispatch(IMAGES, 'images.yml', { force: true })],
  'docs-pull-request': [
    DOCS,
    pullRequest(DOCS, 'opened', { number: 310, title: 'Wrapper 5.1.4 docs', head: 'dev-wrapper', base: 'main' }),
  ],
  // pull_request_target carries the same payload as pull_request.
  'docs-pull-request-target-merged': [
    DOCS,
    pullRequest(DOCS, 'closed', {
      number: 310,
      title: 'Wrapper 5.1.4 docs',
      head: 'dev-wrapper',
      base: 'main',
      merged: true,
    }),
  ],
  'docs-push-main': [DOCS, push(DOCS, 'refs/heads/main')],
  'docs-workflow-dispatch': [DOCS, workflowDispatch(DOCS, 'docs.yml', {})],
  'resources-schedule': [RESOURCES, schedule(RESOURCES, 'resources.yml', '0 15 1 * *')],
  'resources-workflow-dispatch': [RESOURCES, workflowDispatch(RESOURCES, 'resources.yml', {})],
  'resources-push-main': [RESOURCES, push(RESOURCES, 'refs/heads/main')],
};

/**
 * The examples' own repositories and users (Codertocat/Hello-World, octo-org/octo-repo) are left
 * in URLs and nested objects the overrides do not reach: point them all at the Exegol repository.
 */
function retarget(repo: Repo, payload: Record<string, unknown>): Record<string, unknown> {
  const [owner, repoName] = repo.full.split('/') as [string, string];
  const text = JSON.stringify(payload)
    .replace(/Codertocat\/Hello-World|octo-org\/octo-repo|octocat\/Hello-World/g, repo.full)
    .replace(/\bHello-World\b|\bocto-repo\b/g, repoName)
    .replace(/\bocto-org\b/g, owner)
    .replace(/\bCodertocat\b|\boctocat\b/g, SENDER.login);
  return JSON.parse(text) as Record<string, unknown>;
}

const dir = path.join(repoRoot, 'test/events');
const check = process.argv.includes('--check');
const stale: string[] = [];
fs.mkdirSync(dir, { recursive: true });
for (const [name, [repo, payload]] of Object.entries(events)) {
  const file = path.join(dir, `${name}.json`);
  const text = `${JSON.stringify(retarget(repo, payload), null, 2)}\n`;
  if (check) {
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(path.relative(repoRoot, file));
  } else fs.writeFileSync(file, text);
}
const extra = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !(f.slice(0, -5) in events));
if (check && (stale.length || extra.length)) {
  console.error(
    `test/events is out of date (pnpm run events): ${[...stale, ...extra.map((f) => `test/events/${f} (not generated)`)].join(', ')}`,
  );
  process.exit(1);
}
console.log(`${Object.keys(events).length} event payload(s) ${check ? 'up to date' : 'written'} in test/events/.`);
