// Run the double by hand:
//   tsx packages/testkit/src/github-double/cli.ts --repo ThePorgs/Exegol=/tmp/exegol.git --token t0k3n [--port 8080] [--strict]
// then point GITHUB_API_URL at the printed URL. Tokens get contents, pull_requests and issues
// write. Refused requests are reported as they happen; Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { startGitHubDouble } from './index.ts';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', multiple: true, default: [] },
    token: { type: 'string', multiple: true, default: [] },
    port: { type: 'string', default: '0' },
    'server-url': { type: 'string' },
    // Refuse keys GitHub would ignore (see README, strict mode).
    strict: { type: 'boolean', default: false },
  },
});

const repos: Record<string, { gitDir: string }> = {};
for (const spec of values.repo) {
  const eq = spec.indexOf('=');
  if (eq === -1) throw new Error(`--repo ${spec}: expected owner/name=/path/to/bare.git`);
  repos[spec.slice(0, eq)] = { gitDir: spec.slice(eq + 1) };
}

const double = await startGitHubDouble({
  port: Number(values.port),
  serverUrl: values['server-url'],
  strict: values.strict,
  repos,
  tokens: Object.fromEntries(values.token.map((t) => [t, {}])),
});
console.log(double.url);

let reported = 0;
const timer = setInterval(() => {
  for (const v of double.violations.slice(reported))
    console.error(`refused: ${v.method} ${v.path} → ${v.status}: ${v.message}`);
  reported = double.violations.length;
  for (const i of double.ignored.splice(0))
    console.error(`ignored (as GitHub would): ${i.method} ${i.path} ${i.where} key "${i.key}"`);
}, 200);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void double.stop().then(() => process.exit(0));
  });
}
