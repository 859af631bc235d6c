// Generated from bump-next-beta/action.yml by `pnpm run inputs` (scripts/inputs.ts). Do not edit:
// change action.yml and run it again; `pnpm run check-actions` fails while this file is stale.
import { inputReader } from '@exegol-actions/core/action';

export const inputs = inputReader({
  preset: { default: 'auto' },
  rules: {},
  'config-file': {},
  'working-directory': { default: '.' },
  version: {},
  'tag-prefix': {},
  bump: { default: 'patch' },
  pre: { default: 'b' },
  'version-format': { default: 'auto' },
  'stable-marker': { default: 'keep' },
  force: { default: 'false' },
  'dev-branch': { default: 'dev' },
  'fast-forward-from': {},
  mode: { default: 'push' },
  'push-attempts': { default: '3' },
  'commit-message': { default: 'Bump version to {version}' },
  identity: { default: 'Github Actions <actions@github.com>' },
  'pull-request-branch': { default: 'bump/{version}' },
  'pull-request-title': {},
  'github-token': {}, // ${{ github.token }}: evaluated by the runner
  'dry-run': {},
  'network-timeout': { default: '60' },
});
