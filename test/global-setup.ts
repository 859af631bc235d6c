// Tests run the committed bundles the way a runner does, so build them from the current sources
// first (esbuild: well under a second). CI checks separately that the committed dist/ matches.
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Tag signing is tested with real keys, so gpg and OpenSSH's agent tools must exist. A bare Debian
 * image may lack gnupg: install it (as ./tasks.sh test does) rather than skip those tests.
 */
function ensureSigningTools(): void {
  const has = (tool: string) => spawnSync('sh', ['-c', 'command -v "$0"', tool]).status === 0;
  const packages = [
    ...(['gpg', 'gpg-agent', 'gpgconf', 'gpg-connect-agent'].every(has) ? [] : ['gnupg']),
    ...(['ssh-keygen', 'ssh-agent', 'ssh-add'].every(has) ? [] : ['openssh-client']),
  ];
  if (packages.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    const res = spawnSync(cmd!, rest, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (res.status !== 0)
      throw new Error(
        `The tag signing tests need ${packages.join(' and ')}; installing with apt-get failed. Install them (apt-get install -y ${packages.join(' ')}) and run again.`,
      );
  }
}

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  ensureSigningTools();
  if (process.env.EXEGOL_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
