// The real Docker parts for image tests: the engine, the loopback registry and the busybox base
// images that scripts/setup-docker.sh brings up from Debian's packages, a registry proxy that
// injects faults, an independent reader of the registry (never the code under test), and a
// look-alike Exegol image project.
//
// On a developer machine without an engine the image tests skip, loudly; under CI=true they must
// run, so a missing part there runs the set-up script, and fails the tests if it still misses.
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../runner/index.ts';

export const REGISTRY = process.env.EXEGOL_REGISTRY_ADDR ?? '127.0.0.1:5000';
export const BASE_IMAGE = process.env.EXEGOL_BASE_IMAGE ?? 'exegol-actions/busybox';

export interface DockerEnvironment {
  ok: boolean;
  /** What is missing, when not ok. */
  reason?: string;
  /** A client that answers (the one on PATH first). */
  client: string;
  registry: string;
  /** `exegol-actions/busybox:<arch>` for `amd64` and `arm64`. */
  baseImage: (arch: string) => string;
}

function check(client: string): string | undefined {
  const info = spawnSync(client, ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
  if (info.status !== 0)
    return `the Docker engine does not answer (${(info.stderr || info.error?.message || '').trim().split('\n')[0]})`;
  for (const arch of ['amd64', 'arm64']) {
    const img = spawnSync(client, ['image', 'inspect', '--format', '{{.Architecture}}', `${BASE_IMAGE}:${arch}`], {
      encoding: 'utf8',
    });
    if (img.stdout.trim() !== arch) return `the base image ${BASE_IMAGE}:${arch} is missing`;
  }
  const reg = spawnSync('curl', ['-fsS', '-o', '/dev/null', '--max-time', '3', `http://${REGISTRY}/v2/`], {
    encoding: 'utf8',
  });
  if (reg.status !== 0) return `no registry answers on ${REGISTRY}`;
  if (!fs.existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64') && process.arch === 'x64')
    return 'arm64 emulation (binfmt qemu-aarch64) is not registered';
  // The buildx path is tested for real, as on GitHub's runners.
  if (spawnSync(client, ['buildx', 'version'], { encoding: 'utf8' }).status !== 0)
    return `the docker buildx plugin is missing for ${client}`;
  return undefined;
}

let cached: DockerEnvironment | undefined;

/** Finds (and under CI=true, sets up) the Docker test environment. */
export function dockerEnvironment(): DockerEnvironment {
  if (cached) return cached;
  const client =
    ['docker', '/usr/bin/docker', '/usr/local/bin/docker'].find((c) => spawnSync(c, ['--version']).status === 0) ??
    'docker';
  let reason = check(client);
  if (reason && (process.env.CI === 'true' || process.env.EXEGOL_DOCKER_SETUP === '1')) {
    execFileSync(path.join(repoRoot, 'scripts/setup-docker.sh'), { stdio: ['ignore', 'inherit', 'inherit'] });
    reason = check(client);
  }
  cached = { ok: !reason, reason, client, registry: REGISTRY, baseImage: (arch) => `${BASE_IMAGE}:${arch}` };
  return cached;
}

/** Under CI=true a missing engine is a failure; elsewhere a loud skip. */
export function dockerTestsMustRun(): boolean {
  return process.env.CI === 'true';
}

export function skipBanner(reason: string): string {
  const line = '!'.repeat(100);
  return `\n${line}\n!! SKIPPED: the Docker image tests did not run: ${reason}.\n!! Run scripts/setup-docker.sh (root, Debian) to get the engine, the registry and the base images; under CI=true these tests fail instead of skipping.\n${line}\n`;
}

/** A repository name no earlier run used, so tests never see each other's images. */
export function uniqueRepository(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

export function docker(
  env: DockerEnvironment,
  args: string[],
  options: { allowFailure?: boolean; input?: string } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(env.client, args, { encoding: 'utf8', input: options.input, timeout: 300_000 });
  const out = { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  if (out.code !== 0 && !options.allowFailure)
    throw new Error(`docker ${args.join(' ')} failed (${out.code}): ${out.stderr}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A look-alike Exegol image project: Dockerfile with Exegol's build args and labels, a test-command
// file, both made small (busybox) so a build takes seconds on either architecture.

export interface ImageProjectOptions {
  /** Lines of the test-command file; undefined: the image has no test file. */
  tests?: string[];
  /** The label that marks images as Exegol's (what the disk guard may prune). */
  appLabel?: string;
  /** Extra text in a layer, to make images differ. */
  marker?: string;
  /** The image's /.exegol/installed_tools.csv, for export-tool-list; none when undefined. */
  installedTools?: string;
}

export const PASSING_TESTS = [
  'echo "hello from $(uname -m)"',
  'test -f /opt/.exegol_version',
  'test "$(uname -m)" = "$(cat /opt/arch)"',
  'sleep 1 && echo slow-but-in-time',
  '# a comment line, skipped',
  '',
  'echo "hello from $(uname -m)"',
];

export const FAILING_TESTS = ['echo fine', 'false', "echo 'to stderr' >&2; exit 3", 'sleep 60', 'cat /no/such/file'];

export function imageProject(dir: string, o: ImageProjectOptions = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const copy =
    (o.tests ? 'COPY unit_tests_all_commands.txt /.exegol/unit_tests_all_commands.txt\n' : '') +
    (o.installedTools !== undefined ? 'COPY installed_tools.csv /.exegol/installed_tools.csv\n' : '');
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `ARG ARCH=amd64
FROM ${BASE_IMAGE}:\${ARCH}
ARG TAG=local
ARG VERSION=local
ARG BUILD_DATE
ARG BUILD_PROFILE
LABEL org.exegol.tag="\${TAG}" org.exegol.version="\${VERSION}" org.exegol.build_date="\${BUILD_DATE}" org.exegol.app="${o.appLabel ?? 'Exegol'}"
RUN mkdir -p /.exegol /opt && echo "\${TAG}-\${VERSION}" > /opt/.exegol_version && echo "${o.marker ?? ''}" > /opt/marker
RUN uname -m > /opt/arch && sleep 1
${copy}`,
  );
  if (o.tests) fs.writeFileSync(path.join(dir, 'unit_tests_all_commands.txt'), `${o.tests.join('\n')}\n`);
  if (o.installedTools !== undefined) fs.writeFileSync(path.join(dir, 'installed_tools.csv'), o.installedTools);
  return dir;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------------------------------------
// Reading the registry directly, to check what the actions wrote.

export interface RegistryManifest {
  status: number;
  digest?: string;
  mediaType?: string;
  json?: {
    mediaType?: string;
    manifests?: {
      digest: string;
      mediaType: string;
      size: number;
      platform: { os: string; architecture: string; variant?: string };
    }[];
    config?: { digest: string };
    layers?: { digest: string; size: number }[];
  };
}

export async function readManifest(registry: string, repository: string, reference: string): Promise<RegistryManifest> {
  const res = await fetch(`http://${registry}/v2/${repository}/manifests/${reference}`, {
    headers: {
      accept: [
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.oci.image.manifest.v1+json',
      ].join(', '),
    },
  });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status };
  return {
    status: 200,
    digest: `sha256:${crypto.createHash('sha256').update(body).digest('hex')}`,
    mediaType: res.headers.get('content-type') ?? undefined,
    json: JSON.parse(body.toString('utf8')) as RegistryManifest['json'],
  };
}

export async function listTags(registry: string, repository: string): Promise<string[]> {
  const res = await fetch(`http://${registry}/v2/${repository}/tags/list`);
  if (res.status === 404) return [];
  const j = (await res.json()) as { tags?: string[] | null };
  return (j.tags ?? []).sort();
}

// ---------------------------------------------------------------------------------------------
// A fault-injecting proxy in front of the registry, on 127.0.0.1 (which Docker reaches over plain
// HTTP without configuration). Requests pass through untouched unless a rule matches; every
// request is recorded, so a test can also prove what did NOT happen (no layer pulled).

export interface FaultRule {
  method?: string;
  /** Matched against the path and query. */
  path?: RegExp;
  /** Answer with this status (and a registry-style JSON error) instead of forwarding. */
  status?: number;
  /** Drop the connection without an answer. */
  reset?: boolean;
  /** How many matching requests to hit; then the rule is spent. Infinity for always. */
  times: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  injected: boolean;
}

export class FaultProxy {
  readonly requests: RecordedRequest[] = [];
  private rules: FaultRule[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly front: net.Server,
    readonly address: string,
  ) {}

  static async start(target = REGISTRY): Promise<FaultProxy> {
    const [targetHost, targetPort] = target.split(':') as [string, string];
    const agent = new http.Agent({ keepAlive: true });
    const server = http.createServer((req, res) => {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const rule = proxy.rules.find(
        (r) => r.times > 0 && (!r.method || r.method === method) && (!r.path || r.path.test(url)),
      );
      if (rule) {
        rule.times--;
        if (rule.reset) {
          proxy.requests.push({ method, path: url, status: 0, injected: true });
          req.socket.destroy();
          return;
        }
        const status = rule.status ?? 503;
        proxy.requests.push({ method, path: url, status, injected: true });
        req.resume();
        res.writeHead(status, {
          'content-type': 'application/json',
          'docker-distribution-api-version': 'registry/2.0',
        });
        res.end(
          JSON.stringify({
            errors: [
              { code: status === 403 ? 'DENIED' : 'UNAVAILABLE', message: `injected by the test proxy (${status})` },
            ],
          }),
        );
        return;
      }
      const upstream = http.request(
        { host: targetHost, port: Number(targetPort), method, path: url, headers: req.headers, agent },
        (up) => {
          proxy.requests.push({ method, path: url, status: up.statusCode ?? 0, injected: false });
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    // Clients that try TLS first (`docker manifest --insecure`) fall back to plain HTTP only when
    // the server answers the handshake in HTTP, as Go's servers (the real registry) do.
    const front = net.createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        if (chunk[0] === 0x16) {
          socket.end('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n');
          return;
        }
        socket.pause();
        socket.unshift(chunk);
        server.emit('connection', socket);
        socket.resume();
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    // Requests reach the handler above only once the front listens: after this assignment.
    const proxy = new FaultProxy(server, front, `127.0.0.1:${(front.address() as net.AddressInfo).port}`);
    return proxy;
  }

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clearRules(): void {
    this.rules = [];
  }

  /** Forgets the recorded requests (not the rules). */
  resetLog(): void {
    this.requests.length = 0;
  }

  injected(): RecordedRequest[] {
    return this.requests.filter((r) => r.injected);
  }

  /** Blob downloads (GET …/blobs/sha256:…), by digest. */
  blobGets(): string[] {
    return this.requests
      .filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path))
      .map((r) => /sha256:[0-9a-f]{64}/.exec(r.path)![0]);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.front.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// A look-alike of an Exegol image's shell set-up, on the Debian image with zsh that
// scripts/setup-docker.sh makes with debootstrap: a ~/.zshrc that puts /opt/tools/bin on PATH and
// defines aliases (as Exegol's ~/.zshrc sources /opt/.exegol_aliases), tools found only through
// them, and test lines shaped like the real ones.

export const ZSH_IMAGE = process.env.EXEGOL_ZSH_IMAGE ?? 'exegol-actions/debian-zsh:bookworm';

/** The zsh image is ready; under CI=true a missing one is built by scripts/setup-docker.sh first. */
export function zshImageReady(env: DockerEnvironment): boolean {
  if (!env.ok) return false;
  const present = () => docker(env, ['image', 'inspect', ZSH_IMAGE], { allowFailure: true }).code === 0;
  if (!present() && (process.env.CI === 'true' || process.env.EXEGOL_DOCKER_SETUP === '1')) {
    execFileSync(path.join(repoRoot, 'scripts/setup-docker.sh'), { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return present();
}

/** Lines shaped like real ones of /.exegol/unit_tests_all_commands.txt (sources/install/*.sh). */
export const EXEGOL_SHAPED_TESTS = {
  /** A name that exists only as an alias from ~/.zshrc (112 of the 506 real lines). */
  alias: 'secretsdump.py --help',
  /** A tool found only through a PATH entry ~/.zshrc adds (asdf, go, /opt/tools/bin). */
  path: 'exegol-hello --version',
  /** A tool that prints its help on stderr and exits non-zero, piped with zsh's `|&`. */
  help: "samdump2 -h|& grep 'enable debugging'",
  /** A line that outlives a short time limit. */
  slow: 'sleep 30 && echo too-late',
};

export function zshImageProject(dir: string, o: { tests: string[]; guiTests?: string[]; marker?: string }): string {
  fs.mkdirSync(path.join(dir, 'tools'), { recursive: true });
  const tool = (name: string, body: string) => {
    fs.writeFileSync(path.join(dir, 'tools', name), `#!/bin/sh\n${body}\n`);
    fs.chmodSync(path.join(dir, 'tools', name), 0o755);
  };
  tool('exegol-hello', 'echo "exegol-hello 1.0 ($*)"');
  tool('samdump2', 'echo "samdump2 3.0.0 by Objectif Securite" >&2\necho "  -d    enable debugging" >&2\nexit 1');
  fs.writeFileSync(
    path.join(dir, 'zshrc'),
    [
      '# trimmed from the shape of Exegol-images sources/assets/shells/zshrc: PATH entries and aliases',
      'export PATH="/opt/tools/bin:$PATH"',
      "alias secretsdump.py='exegol-hello secretsdump'",
      "alias ll='ls -l'",
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'unit_tests_all_commands.txt'), `${o.tests.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'unit_tests_gui_commands.txt'), (o.guiTests ?? []).map((l) => `${l}\n`).join(''));
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${ZSH_IMAGE}
ARG TAG=local
ARG VERSION=local
ARG BUILD_DATE
ARG BUILD_PROFILE
LABEL org.exegol.tag="\${TAG}" org.exegol.version="\${VERSION}" org.exegol.build_date="\${BUILD_DATE}" org.exegol.app="Exegol"
COPY zshrc /root/.zshrc
COPY tools/ /opt/tools/bin/
COPY unit_tests_all_commands.txt unit_tests_gui_commands.txt /.exegol/
RUN echo "\${TAG}-\${VERSION} ${o.marker ?? ''}" > /opt/.exegol_version
`,
  );
  return dir;
}

// ---------------------------------------------------------------------------------------------
// A double of Docker Hub's API (hub.docker.com) for the two calls the merge makes, enforcing the
// published contract: `POST /v2/auth/token` takes JSON {identifier, secret} and answers
// {access_token}; `DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}` needs
// `Authorization: Bearer <that token>` and answers 204, or 404 for an unknown tag. Anything else
// (a wrong body, the old JWT scheme, a missing token) is refused as Docker Hub would.

export class DockerHubDouble {
  readonly requests: { method: string; path: string; status: number }[] = [];
  /** `namespace/repository:tag` that exist. */
  readonly tags = new Set<string>();
  private readonly tokens = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly users: Record<string, string>,
  ) {}

  static async start(users: Record<string, string>): Promise<DockerHubDouble> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const send = (status: number, body?: unknown) => {
          hub.requests.push({ method: req.method ?? '', path: req.url ?? '', status });
          res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
          res.end(body === undefined ? undefined : JSON.stringify(body));
        };
        const url = new URL(req.url ?? '/', 'http://hub');
        if (req.method === 'POST' && url.pathname === '/v2/auth/token') {
          let body: { identifier?: unknown; secret?: unknown };
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
          } catch {
            return send(400, { message: 'invalid JSON' });
          }
          if (
            !/^application\/json/.test(req.headers['content-type'] ?? '') ||
            typeof body.identifier !== 'string' ||
            typeof body.secret !== 'string' ||
            Object.keys(body).length !== 2
          ) {
            return send(400, { message: 'identifier and secret are required' });
          }
          if (hub.users[body.identifier] !== body.secret)
            return send(401, { message: 'incorrect username or password' });
          const token = `eyJ.${crypto.randomBytes(12).toString('hex')}.sig`;
          hub.tokens.add(token);
          return send(200, { access_token: token });
        }
        const del = /^\/v2\/repositories\/([^/]+)\/([^/]+)\/tags\/([^/]+)\/?$/.exec(url.pathname);
        if (req.method === 'DELETE' && del) {
          const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
          if (!auth || !hub.tokens.has(auth[1]!)) return send(401, { message: 'authentication required' });
          const key = `${decodeURIComponent(del[1]!)}/${decodeURIComponent(del[2]!)}:${decodeURIComponent(del[3]!)}`;
          if (!hub.tags.delete(key)) return send(404, { message: 'tag not found' });
          return send(204);
        }
        return send(404, { message: 'not found' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Requests reach the handler above only once the server listens: after this assignment.
    const hub = new DockerHubDouble(server, `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, users);
    return hub;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
