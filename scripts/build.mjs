// Bundles every action under actions/<name>/src/index.ts into dist/<name>.js, sharing one set of
// chunks, so six actions do not ship six copies of the core library and the network stack loads
// only when an action first talks to GitHub.
//
// The bundles are not minified, so that dist/ can be read and reviewed (bench/minify.ts measures
// what that costs at start; bench/RESULTS.md has the figures).
//
//   node scripts/build.mjs                          write dist/
//   node scripts/build.mjs --check                  rebuild into a temporary folder; fail, with a short
//                                                   diff, if dist/ differs
//   node scripts/build.mjs --minify --outdir DIR    a minified build elsewhere (for bench/minify.ts)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const minify = process.argv.includes('--minify');
const outdirArg = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : undefined;

const actions = fs
  .readdirSync(path.join(root, 'actions'))
  .filter((name) => fs.existsSync(path.join(root, 'actions', name, 'src', 'index.ts')))
  .sort();

// @actions/core imports @actions/http-client (for OIDC tokens), which pulls in undici (~930 KB
// parsed at every start), @actions/exec (for OS details), crypto (for one randomUUID call, but
// OpenSSL initialises at import) and fs (whose promises its summary module takes at import).
// Inside @actions/core those imports get stand-ins that load the real module on first use, so an
// action pays for them only when it uses them. The toolkit's own code imports them dynamically
// for the same reason.
const LAZY = {
  '@actions/http-client': 'packages/core/src/action/lazy-http-client.ts',
  '@actions/exec': 'packages/core/src/action/lazy-exec.ts',
  crypto: 'packages/core/src/action/lazy-crypto.ts',
  fs: 'packages/core/src/action/lazy-fs.ts',
};
const lazyInsideActionsCore = {
  name: 'lazy-inside-actions-core',
  setup(build) {
    build.onResolve({ filter: /^(@actions\/http-client|@actions\/exec|crypto|fs)$/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(root, LAZY[args.path]) };
    });
  },
};

// `import * as fs from 'node:fs'` in an ES module builds fs's ES facade, which reads every
// export, lazy getters included: fs.promises and fs.ReadStream load the streams, fs/promises and
// readline modules (about 5 ms at every start, for nothing). The CommonJS object that
// process.getBuiltinModule returns keeps its getters lazy. esbuild's CommonJS interop copies
// accessors, not values, so named imports still read the real functions.
const LAZY_GETTERS = /^(node:)?fs$/;
const builtinWithoutFacade = {
  name: 'builtin-without-facade',
  setup(build) {
    build.onResolve({ filter: LAZY_GETTERS }, (args) => ({
      path: args.path.replace(/^node:/, ''),
      namespace: 'builtin',
    }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule('node:${args.path}');`,
      loader: 'js',
    }));
  },
};

async function build(outdir, { minified = false } = {}) {
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
    minifyWhitespace: minified,
    minifySyntax: minified,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [lazyInsideActionsCore, builtinWithoutFacade],
    // CommonJS dependencies (semver, undici) call require(); ESM output has none, so make one. The
    // banner goes into every file, and most never require anything: made at the first call.
    banner: {
      js: "import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);",
    },
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

// One hunk per file, from its first differing line to its last, with a little context, capped:
// enough to see what changed in a pull request's log without a diff tool.
const CONTEXT = 3;
const MAX_HUNK = 20;
const MAX_FILES = 10;

function shortDiff(name, built, committed) {
  if (built === null) return `--- dist/${name}: not built from the sources (delete it)\n`;
  if (committed === null) return `+++ dist/${name}: missing from dist/\n`;
  const a = committed.split('\n');
  const b = built.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - CONTEXT);
  const clip = (line) => (line.length > 160 ? `${line.slice(0, 157)}...` : line);
  const lines = (prefix, list) =>
    list.length > MAX_HUNK
      ? [...list.slice(0, MAX_HUNK).map((l) => prefix + clip(l)), `${prefix}... ${list.length - MAX_HUNK} more line(s)`]
      : list.map((l) => prefix + clip(l));
  return [
    `--- dist/${name} (committed)`,
    `+++ dist/${name} (built)`,
    `@@ -${from + 1} +${from + 1} @@`,
    ...a.slice(from, head).map((l) => ` ${clip(l)}`),
    ...lines('-', a.slice(head, a.length - tail)),
    ...lines('+', b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail, a.length - tail + CONTEXT).map((l) => ` ${clip(l)}`),
    '',
  ].join('\n');
}

if (check) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'exegol-actions-dist-'));
  await build(tmp);
  const committed = path.join(root, 'dist');
  const names = new Set([...listFiles(tmp), ...listFiles(committed)]);
  const read = (dir, f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : null);
  const stale = [...names]
    .sort()
    .map((f) => ({ f, built: read(tmp, f), old: read(committed, f) }))
    .filter(({ built, old }) => built !== old);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (stale.length) {
    const diffs = stale.slice(0, MAX_FILES).map(({ f, built, old }) => shortDiff(f, built, old));
    if (stale.length > MAX_FILES) diffs.push(`... and ${stale.length - MAX_FILES} more file(s)\n`);
    const msg = `dist/ is not what the sources build (${stale.length} file(s) differ: ${stale.map((s) => s.f).join(', ')}). Run \`pnpm run build\` and commit dist/.`;
    console.error(`${diffs.join('\n')}\n${msg}`);
    if (process.env.GITHUB_STEP_SUMMARY)
      fs.appendFileSync(
        process.env.GITHUB_STEP_SUMMARY,
        `### check-dist\n\n${msg}\n\n\`\`\`diff\n${diffs.join('\n')}\`\`\`\n`,
      );
    process.exit(1);
  }
  console.log(`dist/ matches the sources (${names.size} files).`);
} else {
  const meta = await build(outdirArg ? path.resolve(outdirArg) : path.join(root, 'dist'), { minified: minify });
  const sizes = Object.entries(meta.outputs).map(([f, o]) => `${String(o.bytes).padStart(9)}  ${f}`);
  console.log(sizes.sort().join('\n'));
}
