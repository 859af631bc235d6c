// The end-to-end tests' set-up (the unit project has none). Tests run the committed bundles the
// way a runner does, so build them from the current sources first (esbuild: well under a second).
// CI checks separately that the committed dist/ matches.
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Tag signing is tested with real keys, so gpg and OpenSSH's agent tools must exist. The set-up
 * does not install them (scripts/setup-signing.sh does, run by ./tasks.sh test); it stops here
 * rather than let those tests fail one by one, or skip.
 */
function requireSigningTools(): void {
  const script = path.join(root, 'scripts/setup-signing.sh');
  const check = spawnSync('bash', [script, '--check'], { encoding: 'utf8' });
  if (check.status !== 0)
    throw new Error(
      `The tag signing tests need gpg and OpenSSH's agent tools (${check.stderr.trim() || `exit ${check.status}`}). Install them with scripts/setup-signing.sh, or run ./tasks.sh test, which does.`,
    );
}

export default function globalSetup(): void {
  requireSigningTools();
  if (process.env.EXEGOL_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
