// Generated from verify-version/action.yml by `pnpm run inputs` (scripts/inputs.ts). Do not edit:
// change action.yml and run it again; `pnpm run check-actions` fails while this file is stale.
import { inputReader } from '@exegol-actions/core/action';

export const inputs = inputReader({
  preset: { default: 'auto' },
  rules: {},
  'config-file': {},
  'working-directory': { default: '.' },
  version: {},
  tag: {},
  'tag-prefix': {},
  'require-stable': { default: 'auto' },
  'release-branch': { default: 'master' },
  'dev-branch': { default: 'dev' },
  'compare-previous': { default: 'true' },
  'check-release-pr': { default: 'false' },
  'release-pr-title': { default: 'Release {version}' },
  'test-file-mismatch': { default: 'warning' },
  'github-token': {}, // ${{ github.token }}: evaluated by the runner
  'network-timeout': { default: '60' },
});
