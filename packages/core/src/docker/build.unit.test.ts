// Command construction for each builder, without an engine (the e2e tests build for real).
import { describe, expect, test } from '@jest/globals';
import { buildCommand, countCachedSteps, type BuildOptions } from './build.ts';

const base: BuildOptions = {
  context: '/w',
  dockerfile: '/w/Dockerfile',
  platform: { os: 'linux', architecture: 'arm64' },
  tags: ['r.example/a/b:full-1.0.0-arm64'],
  buildArgs: { TAG: 'full', VERSION: '1.0.0' },
  labels: { 'org.exegol.app': 'Exegol' },
  cacheFrom: ['r.example/a/b:full-0.9.0-arm64'],
  cacheTo: 'r.example/a/cache:arm64',
};

describe('buildCommand', () => {
  test('buildx with a container driver: --load, registry cache in both directions', () => {
    const c = buildCommand({ builder: 'buildx', buildxDriver: 'docker-container' }, base, '/t/iid');
    expect(c.args).toEqual([
      'buildx',
      'build',
      '--load',
      '--platform',
      'linux/arm64',
      '--progress',
      'plain',
      '--file',
      '/w/Dockerfile',
      '--iidfile',
      '/t/iid',
      '--tag',
      'r.example/a/b:full-1.0.0-arm64',
      '--label',
      'org.exegol.app=Exegol',
      '--cache-from',
      'type=registry,ref=r.example/a/b:full-0.9.0-arm64',
      '--cache-to',
      'type=registry,ref=r.example/a/cache:arm64,mode=max',
      '--build-arg',
      'TAG=full',
      '--build-arg',
      'VERSION=1.0.0',
      '/w',
    ]);
    expect(c.env).toEqual({ DOCKER_BUILDKIT: '1' });
    expect(c.notes).toEqual([]);
  });

  test('buildx with the docker driver cannot export a registry cache: inline, with a note', () => {
    const c = buildCommand({ builder: 'buildx', buildxDriver: 'docker' }, base, '/t/iid');
    expect(c.args).toContain('type=inline');
    expect(c.notes.join()).toMatch(/driver "docker" cannot export a registry cache/);
  });

  test("the engine's BuildKit (old client): DOCKER_BUILDKIT=1, image refs as cache, inline cache by build arg", () => {
    const c = buildCommand(
      { builder: 'buildkit' },
      { ...base, cacheFrom: ['type=registry,ref=r.example/x:c', 'type=local,src=/tmp/c'] },
      '/t/iid',
    );
    expect(c.args.slice(0, 3)).toEqual(['build', '--platform', 'linux/arm64']);
    expect(c.args).toContain('--progress');
    const froms = c.args.flatMap((a, i) => (a === '--cache-from' ? [c.args[i + 1]] : []));
    expect(froms).toEqual(['r.example/x:c']);
    expect(c.args).toContain('BUILDKIT_INLINE_CACHE=1');
    expect(c.args).not.toContain('--cache-to');
    expect(c.env).toEqual({ DOCKER_BUILDKIT: '1' });
    expect(c.notes.join('\n')).toMatch(/type=local,src=\/tmp\/c" needs buildx[\s\S]*cannot export a registry cache/);
  });

  test('legacy builder: DOCKER_BUILDKIT=0, no progress flag, no cache export', () => {
    const c = buildCommand(
      { builder: 'legacy' },
      { ...base, cacheTo: 'inline', noCache: true, target: 'final' },
      '/t/iid',
    );
    expect(c.env).toEqual({ DOCKER_BUILDKIT: '0' });
    expect(c.args).not.toContain('--progress');
    expect(c.args).not.toContain('BUILDKIT_INLINE_CACHE=1');
    expect(c.args).toEqual(expect.arrayContaining(['--no-cache', '--target', 'final']));
    expect(c.notes.join()).toMatch(/legacy builder cannot write cache metadata/);
  });
});

describe('countCachedSteps', () => {
  test('BuildKit plain progress', () => {
    const log = [
      '#4 [1/4] FROM docker.io/exegol-actions/busybox:arm64',
      '#5 [2/4] RUN mkdir -p /opt',
      '#5 CACHED',
      '#6 [3/4] RUN uname -m > /opt/arch',
      '#6 sha256:02fa',
      '#6 DONE 1.2s',
      '#8 [build 4/4] COPY tests.txt /x',
      '#8 CACHED',
      '#9 [internal] load build context',
    ].join('\n');
    expect(countCachedSteps(log)).toEqual({ steps: 3, cachedSteps: 2 });
  });

  test('legacy builder output', () => {
    const log = [
      'Step 1/4 : FROM busybox',
      ' ---> 959da7d67603',
      'Step 2/4 : ARG X',
      'Step 3/4 : RUN true',
      ' ---> Using cache',
      'Step 4/4 : COPY a /a',
      ' ---> 1234',
    ].join('\n');
    expect(countCachedSteps(log)).toEqual({ steps: 2, cachedSteps: 1 });
  });
});
