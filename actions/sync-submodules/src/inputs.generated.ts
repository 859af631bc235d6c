// Generated from sync-submodules/action.yml by `pnpm run inputs` (scripts/inputs.ts). Do not edit:
// change action.yml and run it again; `pnpm run check-actions` fails while this file is stale.
import { inputReader } from '@exegol-actions/core/action';

export const inputs = inputReader({
  mode: { default: 'update' },
  paths: {},
  'submodule-branch': {},
  recursive: { default: 'false' },
  branch: {},
  'commit-message': { default: 'Update submodules' },
  author: { default: 'Github Actions <actions@github.com>' },
  'on-behind': { default: 'fail' },
  'pull-request-branch': { default: 'update/{date}' },
  'pull-request-title': { default: 'Update submodules {date}' },
  'pull-request-labels': {},
  'include-work-tree': { default: 'false' },
  upstream: {},
  'upstream-branch': {},
  'fork-method': { default: 'auto' },
  'fork-strategy': { default: 'merge' },
  'fetch-token': {},
  'fetch-ssh-key': {},
  'github-token': {}, // ${{ github.token }}: evaluated by the runner
  'push-attempts': { default: '3' },
  'working-directory': { default: '.' },
  'dry-run': {},
  'network-timeout': { default: '60' },
});
