// The double's answers carry the fields GitHub's description marks required, so a caller
// reading `data.x` is checked against what GitHub really sends. (The double's own check, against
// the full 13 MB description: loaded once here, never at start-up.)
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startGitHubDouble, type GitHubDouble } from './index.ts';
import { makeBareRepo, type BareFixture } from './test-helpers.ts';

/** The parts of an OpenAPI schema node this check follows. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
}

interface SpecResponse {
  $ref?: string;
  content: Record<string, { schema: Schema }>;
}

interface SpecOperation {
  operationId?: string;
  responses: Record<string, SpecResponse>;
}

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
) as { paths: Record<string, Record<string, SpecOperation>> };

/** The node a `$ref` points to (`#/components/…` in the same document), followed to the end. */
function deref<T extends { $ref?: string }>(node: T): T {
  let n: T | undefined = node;
  while (n?.$ref)
    n = n.$ref
      .split('/')
      .slice(1)
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], spec) as T | undefined;
  return n as T;
}

function responseSchema(operationId: string, status: number): Schema {
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId === operationId)
        return deref(deref(op.responses[String(status)]!).content['application/json']!.schema);
    }
  }
  throw new Error(`no ${operationId}`);
}

/** Paths of required fields absent from `value`, following objects, arrays and compositions. */
function missing(schemaNode: Schema, value: unknown, at = ''): string[] {
  const schema = deref(schemaNode);
  if (value === null || value === undefined) return [];
  if (schema.allOf) return schema.allOf.flatMap((s) => missing(s, value, at));
  if (schema.oneOf || schema.anyOf) {
    const branches = (schema.oneOf ?? schema.anyOf ?? []).map((s) => missing(s, value, at));
    return branches.sort((a, b) => a.length - b.length)[0] ?? [];
  }
  if (Array.isArray(value)) return value.length && schema.items ? missing(schema.items, value[0], `${at}[0]`) : [];
  if (typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  const own = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${at}.${k}`);
  const nested = Object.entries(schema.properties ?? {}).flatMap(([k, s]) =>
    k in obj ? missing(s, obj[k], `${at}.${k}`) : [],
  );
  return [...own, ...nested];
}

const owner = 'ThePorgs';
const repo = 'Exegol';
let double: GitHubDouble;
let fixture: BareFixture;
let octokit: ReturnType<typeof getOctokit>;

beforeAll(async () => {
  fixture = await makeBareRepo();
  await fixture.commit('main', 'Initial commit');
  await fixture.commit('dev', 'Work', { from: 'main' });
  double = await startGitHubDouble({ repos: { [`${owner}/${repo}`]: { gitDir: fixture.gitDir } }, tokens: { t: {} } });
  octokit = getOctokit('t', { baseUrl: double.url });
});

afterAll(async () => {
  await double.stop();
  fixture.cleanup();
});

describe('response shapes', () => {
  it('releases, assets, notes', async () => {
    const rel = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.0.0', draft: true });
    expect(missing(responseSchema('repos/create-release', 201), rel.data)).toEqual([]);
    const asset = await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: rel.data.id,
      url: rel.data.upload_url,
      name: 'a',
      data: 'a',
    });
    expect(missing(responseSchema('repos/upload-release-asset', 201), asset.data)).toEqual([]);
    const list = await octokit.rest.repos.listReleases({ owner, repo });
    expect(missing(responseSchema('repos/list-releases', 200), list.data)).toEqual([]);
    const notes = await octokit.rest.repos.generateReleaseNotes({ owner, repo, tag_name: '1.0.0' });
    expect(missing(responseSchema('repos/generate-release-notes', 200), notes.data)).toEqual([]);
  });

  it('refs, tags, commits, compare, branch', async () => {
    const main = await fixture.git('rev-parse', 'main');
    const ref = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' });
    expect(missing(responseSchema('git/get-ref', 200), ref.data)).toEqual([]);
    const tag = await octokit.rest.git.createTag({ owner, repo, tag: 't', message: 'm', object: main, type: 'commit' });
    expect(missing(responseSchema('git/create-tag', 201), tag.data)).toEqual([]);
    const gitCommit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: main });
    expect(missing(responseSchema('git/get-commit', 200), gitCommit.data)).toEqual([]);
    const commit = await octokit.rest.repos.getCommit({ owner, repo, ref: 'main' });
    expect(missing(responseSchema('repos/get-commit', 200), commit.data)).toEqual([]);
    const compare = await octokit.rest.repos.compareCommits({ owner, repo, base: 'main', head: 'dev' });
    expect(missing(responseSchema('repos/compare-commits', 200), compare.data)).toEqual([]);
    const branch = await octokit.rest.repos.getBranch({ owner, repo, branch: 'main' });
    expect(missing(responseSchema('repos/get-branch', 200), branch.data)).toEqual([]);
    const tags = await octokit.rest.repos.listTags({ owner, repo });
    expect(missing(responseSchema('repos/list-tags', 200), tags.data)).toEqual([]);
  });

  it('pull requests, labels, comments', async () => {
    const pr = await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release' });
    expect(missing(responseSchema('pulls/create', 201), pr.data)).toEqual([]);
    const list = await octokit.rest.pulls.list({ owner, repo });
    expect(missing(responseSchema('pulls/list', 200), list.data)).toEqual([]);
    const labels = await octokit.rest.issues.addLabels({ owner, repo, issue_number: pr.data.number, labels: ['bot'] });
    expect(missing(responseSchema('issues/add-labels', 200), labels.data)).toEqual([]);
    const comment = await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.data.number, body: 'hi' });
    expect(missing(responseSchema('issues/create-comment', 201), comment.data)).toEqual([]);
  });

  it('repository', async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(missing(responseSchema('repos/get', 200), data)).toEqual([]);
  });
});
