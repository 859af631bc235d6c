// The README's main command, run as a user runs it: a whole process, its output read as text.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, test } from '@jest/globals';
import { dockerEnvironment } from '@exegol-actions/testkit/docker';
import { repoRoot } from '@exegol-actions/testkit/runner';

const withDocker = dockerEnvironment().ok;

test(`the offline rehearsal runs every step and reports what it created${withDocker ? '' : ' (no Docker engine: images pipeline skipped)'}`, () => {
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const res = spawnSync(tsx, ['scripts/rehearsal.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (res.status !== 0) console.log(res.stdout, res.stderr);
  expect(res.status).toBe(0);
  const out = res.stdout;
  for (const s of [
    'wrapper · sync-submodules',
    'wrapper · verify-version',
    'wrapper · create-release',
    'wrapper · bump-next-beta',
  ])
    expect(out).toContain(s);
  expect(out).toContain('pull request #1 is a draft');
  expect(out).toContain('git verify-tag 4.3.5: good SSH signature');
  expect(out).toMatch(/'dev → [0-9a-f]{8} Bump version to 4\.3\.6b1'/);
  expect(out).toContain("'4.3.5 (4.3.5), latest'");
  expect(out).toMatch(/'create-release: re-run with the same inputs: finds its own tag and release' +│ 'unchanged'/);
  if (withDocker) {
    for (const s of ['images · multi-arch-image-build', 'images · export-tool-list', 'images · create-release'])
      expect(out).toContain(s);
    // Arch images in the builds repository only, until the merge deletes them; the lists in pre-production.
    expect(out).toMatch(
      /registry \S+\/exegol-builds: full-3\.1\.6-amd64, full-3\.1\.6-arm64; \S+\/exegol-preprod: none\n/,
    );
    expect(out).toMatch(/registry \S+\/exegol-builds: none; \S+\/exegol-preprod: full, full-3\.1\.6\n/);
    expect(out).toMatch(/\| `\S+\/exegol-builds:full-3\.1\.6-arm64` \| deleted \| digest \|/);
    // The re-run from the same commit builds nothing; its merge is unchanged.
    expect(out).toMatch(
      /'multi-arch-image-build: re-run, linux\/amd64: already built from [0-9a-f]{8}, skipped' +│ 'unchanged'/,
    );
    expect(out).toMatch(
      /'multi-arch-image-build: re-run, linux\/arm64: already built from [0-9a-f]{8}, skipped' +│ 'unchanged'/,
    );
    expect(out).toMatch(
      /'multi-arch-image-build: re-run: the merge finds the same list \(unchanged\) and deletes the arch tags again' +│ 'unchanged'/,
    );
    expect(out).toContain("'Exegol images 3.1.6 (3.1.6), latest'");
    expect(out).toContain('PIPELINE: tools list for full_3.1.6_arm64');
  } else {
    expect(out).toContain('Images pipeline: skipped');
  }
}, 300_000);
