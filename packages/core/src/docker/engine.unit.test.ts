// Builder detection over fake clients on PATH: only what each client answers is faked, to check
// the choice and the command lines; the e2e tests detect the real engine.
import { afterAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  chooseBuilder,
  clientCandidates,
  detectEngine,
  emulationState,
  planEmulation,
  type ClientCandidate,
  type EngineInfo,
} from './engine.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fake `docker` that answers version, buildx version and info like a real one of `version`. */
function fakeClient(version: string, buildx: boolean, log?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-docker-'));
  dirs.push(dir);
  const info = JSON.stringify({ ServerVersion: '20.10.24', Architecture: 'x86_64', DockerRootDir: '/var/lib/docker' });
  fs.writeFileSync(
    path.join(dir, 'docker'),
    `#!/bin/sh
${log ? `echo "$*" >> ${log}` : ''}
case "$1" in
  version) echo "${version}" ;;
  buildx) ${buildx ? 'case "$2" in version) echo "github.com/docker/buildx v0.21.1 abc" ;; inspect) printf "Name: default\\nDriver: docker\\n" ;; esac' : 'echo "docker: unknown command: docker buildx" >&2; exit 1'} ;;
  info) echo '${info}' ;;
  *) exit 2 ;;
esac
`,
    { mode: 0o755 },
  );
  return dir;
}

const cand = (p: string, version: string, buildx?: string): ClientCandidate => ({
  path: p,
  version,
  major: Number(version.split('.')[0]),
  buildx,
});

describe('chooseBuilder', () => {
  test('buildx wins when any client has it', () => {
    expect(chooseBuilder([cand('/a', '20.10.24'), cand('/b', '28.2.2', '0.21.1')], 'auto')).toMatchObject({
      builder: 'buildx',
      client: { path: '/b' },
    });
  });
  test('without buildx, an old client that speaks BuildKit itself', () => {
    expect(
      chooseBuilder([cand('/usr/local/bin/docker', '28.2.2'), cand('/usr/bin/docker', '20.10.24')], 'auto'),
    ).toMatchObject({ builder: 'buildkit', client: { path: '/usr/bin/docker' } });
  });
  test('only new clients without buildx: the legacy builder, unless BuildKit is required', () => {
    expect(chooseBuilder([cand('/x', '28.2.2')], 'auto')).toMatchObject({ builder: 'legacy' });
    expect(chooseBuilder([cand('/x', '28.2.2')], 'buildkit')).toEqual({
      problem: expect.stringMatching(/can build with BuildKit/),
    });
    expect(chooseBuilder([cand('/x', '20.10.1')], 'buildx')).toEqual({
      problem: expect.stringMatching(/buildx plugin/),
    });
  });
});

describe('detectEngine with clients on PATH', () => {
  const oldPath = process.env.PATH;
  afterAll(() => {
    process.env.PATH = oldPath;
  });

  test('a docker 28 first on PATH without buildx and an old one later: the old one builds', async () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'calls');
    const newer = fakeClient('28.2.2', false, log);
    const older = fakeClient('20.10.24+dfsg1', false, log);
    // Only our clients (the fakes use shell builtins only): the machine's own /usr/bin/docker may
    // have buildx, and would rightly win.
    process.env.PATH = `${newer}:${older}`;
    const found = clientCandidates().filter((c) => c.startsWith(os.tmpdir()));
    expect(found).toEqual([path.join(newer, 'docker'), path.join(older, 'docker')]);
    const d = await detectEngine({ client: undefined, fallbacks: [] });
    expect(d.info.client).toBe(path.join(older, 'docker'));
    expect(d.info).toMatchObject({
      builder: 'buildkit',
      clientVersion: '20.10.24+dfsg1',
      architecture: 'x86_64',
      native: { os: 'linux', architecture: 'amd64' },
    });
    expect(fs.readFileSync(log, 'utf8')).toContain('version --format {{.Client.Version}}');
  });

  test('a client with buildx: buildx, and its driver is read', async () => {
    process.env.PATH = `${fakeClient('28.2.2', true)}:/usr/bin:/bin`;
    const d = await detectEngine({});
    expect(d.info).toMatchObject({ builder: 'buildx', buildxVersion: 'v0.21.1', buildxDriver: 'docker' });
  });
});

describe('emulation', () => {
  const engine = {
    native: { os: 'linux', architecture: 'amd64' },
    architecture: 'x86_64',
    remote: false,
  } as EngineInfo;
  test('native platform needs nothing; native asked for a foreign one fails with the fix', () => {
    expect(planEmulation(engine, { os: 'linux', architecture: 'amd64' }, 'auto')).toMatchObject({ emulated: false });
    expect(() => planEmulation(engine, { os: 'linux', architecture: 'arm64' }, 'native')).toThrow(
      /Input "emulation": native was asked.*Run this job on a linux\/arm64 runner/,
    );
  });
  test('binfmt entries are read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binfmt-'));
    dirs.push(dir);
    expect(emulationState({ os: 'linux', architecture: 'arm64' }, dir)).toBe('unknown');
    fs.writeFileSync(path.join(dir, 'status'), 'enabled\n');
    expect(emulationState({ os: 'linux', architecture: 'arm64' }, dir)).toBe('absent');
    fs.writeFileSync(
      path.join(dir, 'qemu-aarch64'),
      'disabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n',
    );
    expect(emulationState({ os: 'linux', architecture: 'arm64' }, dir)).toBe('disabled');
    fs.writeFileSync(
      path.join(dir, 'qemu-aarch64'),
      'enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\n',
    );
    expect(emulationState({ os: 'linux', architecture: 'arm64' }, dir)).toBe('enabled');
  });
});
