// The third-party actions this repository's workflows and templates may pin, by commit, with the
// runtime each commit's action.yml declares (`runs.using`). GitHub deprecated node20 on its
// runners, and a commit's runtime cannot be seen from a workflow file, so the linter looks it up
// here: a pin to a commit not in this table is a finding too ("read its action.yml, add it").
//
// Sources: ../shared/reference/action-pins.md (each repository's own tags, newest snapshot), and
// for cloudflare/wrangler-action its tags v3 and v4.0.0 read the same way. The node20 rows are
// the releases the templates pinned before, and the one Exegol's own workflows pin, kept so that
// the finding names the release and says why it is refused.

export type Runtime = 'node24' | 'node20' | 'node16' | 'node12' | 'docker' | 'composite';

export interface KnownPin {
  action: string;
  tag: string;
  runtime: Runtime;
}

export const KNOWN_PINS: Record<string, KnownPin> = {
  // Current releases.
  '3d3c42e5aac5ba805825da76410c181273ba90b1': { action: 'actions/checkout', tag: 'v7.0.1', runtime: 'node24' },
  de0fac2e4500dabe0009e67214ff5f5447ce83dd: { action: 'actions/checkout', tag: 'v6.0.2', runtime: 'node24' },
  '08c6903cd8c0fde910a37f88322edcfb5dd907a8': { action: 'actions/checkout', tag: 'v5.0.0', runtime: 'node24' },
  '820762786026740c76f36085b0efc47a31fe5020': { action: 'actions/setup-node', tag: 'v7.0.0', runtime: 'node24' },
  '5fda3b95a4ea91299a34e894583c3862153e4b97': { action: 'actions/setup-python', tag: 'v7.0.0', runtime: 'node24' },
  bbbca2ddaa5d8feaa63e36b76fdaad77386f024f: { action: 'actions/upload-artifact', tag: 'v7.0.0', runtime: 'node24' },
  '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c': { action: 'actions/download-artifact', tag: 'v8.0.1', runtime: 'node24' },
  ed0c53931b1dc9bd32cbe73a98c7f6766f8a527e: {
    action: 'pypa/gh-action-pypi-publish',
    tag: 'v1.13.0',
    runtime: 'docker',
  },
  ebbaa1584979971c8614a24965b4405ff95890e0: { action: 'cloudflare/wrangler-action', tag: 'v4.0.0', runtime: 'node24' },
  // Older releases on node20: refused.
  '11bd71901bbe5b1630ceea73d27597364c9af683': { action: 'actions/checkout', tag: 'v4.2.2', runtime: 'node20' },
  '34e114876b0b11c390a56381ad16ebd13914f8d5': {
    action: 'actions/checkout',
    tag: 'v4 (as Exegol pins it)',
    runtime: 'node20',
  },
  '49933ea5288caeca8642d1e84afbd3f7d6820020': { action: 'actions/setup-node', tag: 'v4.4.0', runtime: 'node20' },
  a26af69be951a213d495a4c3e4e4022e16d87065: { action: 'actions/setup-python', tag: 'v5.6.0', runtime: 'node20' },
  ea165f8d65b6e75b540449e92b4886f43607fa02: { action: 'actions/upload-artifact', tag: 'v4.6.2', runtime: 'node20' },
  d3f86a106a0bac45b974a628896c90dbdf5c8093: { action: 'actions/download-artifact', tag: 'v4.3.0', runtime: 'node20' },
  da0e0dfe58b7a431659754fdf3f186c529afbe65: {
    action: 'cloudflare/wrangler-action',
    tag: 'v3 (as Exegol-docs pins it)',
    runtime: 'node20',
  },
  '9acf94ace14e7dc412b076f2c5c20b8ce93c79cd': { action: 'cloudflare/wrangler-action', tag: 'v3', runtime: 'node20' },
};

/** Runtimes GitHub's runners still run without a deprecation. */
export const ALLOWED_RUNTIMES: readonly Runtime[] = ['node24', 'docker', 'composite'];

/** The newest known release of an action on an allowed runtime: what a finding proposes. */
export function currentPin(action: string): { commit: string; tag: string } | null {
  for (const [commit, pin] of Object.entries(KNOWN_PINS))
    if (pin.action === action && ALLOWED_RUNTIMES.includes(pin.runtime)) return { commit, tag: pin.tag };
  return null;
}
