// Generated from create-release/action.yml by `pnpm run inputs` (scripts/inputs.ts). Do not edit:
// change action.yml and run it again; `pnpm run check-actions` fails while this file is stale.
import { inputReader } from '@exegol-actions/core/action';

export const inputs = inputReader({
  version: {},
  'tag-prefix': {},
  commit: {},
  'tag-message': { default: '{version}' },
  identity: { default: 'Github Actions <actions@github.com>' },
  'signing-key': {},
  'signing-key-passphrase': {},
  'require-signed-tag': { default: 'false' },
  'allowed-signers': {},
  'gpg-public-keys': {},
  name: { default: '{version}' },
  'notes-since': { default: 'auto' },
  body: {},
  'body-file': {},
  prerelease: { default: 'auto' },
  'make-latest': { default: 'auto' },
  'existing-release': { default: 'update' },
  assets: {},
  'assets-required': { default: 'true' },
  preset: { default: 'auto' },
  rules: {},
  'config-file': {},
  'working-directory': { default: '.' },
  'github-token': {}, // ${{ github.token }}: evaluated by the runner
  'dry-run': {},
  'network-timeout': { default: '60' },
});
