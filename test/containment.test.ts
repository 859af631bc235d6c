// The containment rule where the path comes from an image: export-tool-list copies the list out
// of a container with `docker cp`, which copies a symbolic link as a link. Read on the runner, a
// link to an absolute path would open the RUNNER's file of that name. The copy follows links
// inside the image instead, so a link within the image works and one to a runner path does not.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { runAction } from '@exegol-actions/testkit/runner';
import { docsRemote as docs, fixtureFile as fixture } from '@exegol-actions/testkit/fixtures';
import { dockerEnvironment, dockerTestsMustRun, skipBanner, uniqueRepository } from '@exegol-actions/testkit/docker';

const docker = dockerEnvironment();
const dockerTest = docker.ok || dockerTestsMustRun() ? test : test.skip;
if (!docker.ok && !dockerTestsMustRun()) console.warn(skipBanner(docker.reason ?? 'unknown reason'));

const LIGHT = fixture('exegol-docs/installed_tools/lists/light_3.1.17_amd64.csv');
const SECRET = 'Tool,Link,Description\nTOP-SECRET-runner-file,https://example.com,on the runner only\n';
let sandbox: GitSandbox;
let workspace: string;
let secretOnRunner: string;
const images: string[] = [];

/** A one-layer image from a folder; links are kept as links. */
function importImage(name: string, build: (root: string) => void): void {
  const root = fs.mkdtempSync(path.join(sandbox.root, 'image-'));
  build(root);
  const tar = `${root}.tar`;
  execFileSync('tar', ['-cf', tar, '-C', root, '.']);
  execFileSync('docker', [
    'import',
    '--change',
    'LABEL org.exegol.build_date=2026-07-04T05:06:07Z',
    '--change',
    'CMD ["/bin/true"]',
    tar,
    name,
  ]);
  images.push(name);
}

beforeAll(async () => {
  sandbox = await GitSandbox.create('containment-');
  secretOnRunner = path.join(sandbox.root, 'runner-only', 'installed_tools.csv');
  fs.mkdirSync(path.dirname(secretOnRunner));
  fs.writeFileSync(secretOnRunner, SECRET);
  const { remote: docsRemote } = await docs(sandbox, 'Exegol-docs');
  const ws = await sandbox.repo('images');
  fs.appendFileSync(path.join(ws.dir, '.git/info/exclude'), 'docs/\n');
  await sandbox.checkout(docsRemote, 'refs/heads/dev', { name: 'images/docs' });
  workspace = ws.dir;
});
afterAll(() => {
  if (images.length) spawnSync('docker', ['rmi', '--force', ...images], { stdio: 'ignore' });
  sandbox?.cleanup();
});

const exportFrom = (image: string) =>
  runAction({
    action: 'export-tool-list',
    workspace,
    env: sandbox.env(),
    inputs: {
      image,
      'docs-path': 'docs',
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
      'dry-run': 'true',
    },
  });

dockerTest(
  'a list that is a link inside the image is followed there; a link to a runner path never reads the runner file',
  async () => {
    if (!docker.ok) throw new Error(`needs the Docker engine (CI=true): ${docker.reason}`);
    const repo = `exegol-actions-test/${uniqueRepository('containment')}`;
    importImage(`${repo}:relative`, (root) => {
      fs.mkdirSync(path.join(root, '.exegol/lists'), { recursive: true });
      fs.writeFileSync(path.join(root, '.exegol/lists/light.csv'), LIGHT);
      fs.symlinkSync('lists/light.csv', path.join(root, '.exegol/installed_tools.csv'));
    });
    // The link names a path that exists on the runner (this test's file) and not in the image.
    importImage(`${repo}:to-runner`, (root) => {
      fs.mkdirSync(path.join(root, '.exegol'));
      fs.symlinkSync(secretOnRunner, path.join(root, '.exegol/installed_tools.csv'));
    });

    const inside = await exportFrom(`${repo}:relative`);
    expect(inside.errors).toEqual([]);
    expect(inside.exitCode).toBe(0);
    expect(inside.outputs.rows).toBe(String(LIGHT.trim().split('\n').length - 1));

    const out = await exportFrom(`${repo}:to-runner`);
    expect(out.exitCode).toBe(1);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.message).toMatch(/^Input "image-path": "\/\.exegol\/installed_tools\.csv" is not in image/);
    expect(`${out.log}\n${out.summary}`).not.toContain('TOP-SECRET');
  },
  120_000,
);
