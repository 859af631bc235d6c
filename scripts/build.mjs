// Bundles every action under actions/<name>/src/index.ts into dist/<name>.js, sharing one set of
// chunks, so six actions do not ship six copies of the core library and the network stack loads
// only when an action first talks to GitHub.
//
//   node scripts/build.mjs           write dist/
//   node scripts/build.mjs --check   rebuild into a temporary folder and fail if dist/ differs
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const actions = fs
  .readdirSync(path.join(root, 'actions'))
  .filter((name) => fs.existsSync(path.join(root, 'actions', name, 'src', 'index.ts')))
  .sort();

// @actions/core imports @actions/http-client (for OIDC tokens), which pulls in undici (~930 KB
// parsed at every start), @actions/exec (for OS details) and crypto (for one randomUUID call,
// but OpenSSL initialises at import). Inside @actions/core those imports get stand-ins that load
// the real module on first use, so an action pays for them only when it uses them. The
// toolkit's own code imports them dynamically for the same reason.
const LAZY = {
  '@actions/http-client': 'packages/core/src/action/lazy-http-client.ts',
  '@actions/exec': 'packages/core/src/action/lazy-exec.ts',
  crypto: 'packages/core/src/action/lazy-crypto.ts',
};
const lazyInsideActionsCore = {
  name: 'lazy-inside-actions-core',
  setup(build) {
    build.onResolve({ filter: /^(@actions\/http-client|@actions\/exec|crypto)$/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(root, LAZY[args.path]) };
    });
  },
};

async function build(outdir) {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(actions.map((name) => [name, `actions/${name}/src/index.ts`])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    chunkNames: 'chunks/[name]-[hash]',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [lazyInsideActionsCore],
    // CommonJS dependencies (semver) call require(); ESM output has none, so make one.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  fs.writeFileSync(path.join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
  return result.metafile;
}

function listFiles(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

if (check) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'exegol-actions-dist-'));
  await build(tmp);
  const committed = path.join(root, 'dist');
  const names = new Set([...listFiles(tmp), ...listFiles(committed)]);
  const stale = [...names].sort().filter((f) => {
    const a = path.join(tmp, f);
    const b = path.join(committed, f);
    return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (stale.length) {
    const msg = `dist/ is not what the sources build (${stale.length} file(s) differ: ${stale.join(', ')}). Run \`pnpm run build\` and commit dist/.`;
    console.error(msg);
    if (process.env.GITHUB_STEP_SUMMARY)
      fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### check-dist\n\n${msg}\n`);
    process.exit(1);
  }
  console.log(`dist/ matches the sources (${names.size} files).`);
} else {
  const meta = await build(path.join(root, 'dist'));
  const sizes = Object.entries(meta.outputs).map(([f, o]) => `${String(o.bytes).padStart(9)}  ${f}`);
  console.log(sizes.sort().join('\n'));
}
