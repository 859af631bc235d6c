// Generated from export-tool-list/action.yml by `pnpm run inputs` (scripts/inputs.ts). Do not edit:
// change action.yml and run it again; `pnpm run check-actions` fails while this file is stale.
import { inputReader } from '@exegol-actions/core/action';

export const inputs = inputReader({
  'tools-csv': {},
  image: {},
  'image-path': { default: '/.exegol/installed_tools.csv' },
  'resources-csv': {},
  'docs-path': { default: '.' },
  'tools-dir': { default: 'docs/src/public/installed_tools' },
  'list-file': {},
  'index-file': {},
  'link-prefix': { default: '/installed_tools/' },
  'resources-file': { default: 'docs/src/public/exegol_resources/resources_list.csv' },
  channel: {},
  profile: {},
  version: {},
  arch: {},
  'build-date': {},
  header: {},
  'invalid-rows': { default: 'fail' },
  'allow-empty-links': {},
  publish: { default: 'push' },
  branch: {},
  'dry-run': {},
  'push-attempts': { default: '3' },
  'commit-name': { default: 'Github Actions' },
  'commit-email': { default: 'actions@github.com' },
  token: {}, // ${{ github.token }}: evaluated by the runner
  'ssh-key': {},
  'docs-repository': {},
  'pull-request-labels': {},
  'pull-request-branch-prefix': { default: 'pipeline/' },
  'network-timeout': { default: '60' },
});
