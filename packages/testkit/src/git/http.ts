// The sandbox's bare repositories over smart HTTP (git's own http-backend as a CGI), the way
// GitHub serves them: actions/checkout fetches from `<GITHUB_SERVER_URL>/<owner>/<repo>`, and the
// actions push back to the URL it leaves as `origin`. Optionally behind a token: lets tests prove
// that credentials reach the server, and reach only it, without any network.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`: what GITHUB_SERVER_URL would be. */
  origin: string;
  /** The URL of a bare repository under the served root (given by its path). */
  url(bare: string): string;
  /** Every request, with whether it carried the expected credentials. */
  requests: { method: string; path: string; authorized: boolean; authorizationHeaders: number; push: boolean }[];
  /** Requests that were made to stall (see `stall`), as `METHOD path`. */
  stalled: string[];
  /** Replaces the stall rule (null: serve everything). */
  setStall(stall: GitHttpStall | null): void;
  close(): Promise<void>;
}

/**
 * A server that stops in the middle of a request, for the time-limit tests: the answer of the
 * chosen service (`git-upload-pack`: a fetch's pack; `git-receive-pack`: a push's report) is cut
 * after `afterBytes` bytes (headers always sent), and the connection is then held open, silent.
 */
export interface GitHttpStall {
  service: 'git-upload-pack' | 'git-receive-pack';
  afterBytes: number;
  /** How many such requests stall; later ones are served. Default: all. */
  times?: number;
}

export interface GitHttpOptions {
  /** The `x-access-token` password the server expects (basic auth, as GitHub takes a token). */
  token?: string;
  /**
   * A public repository: fetching needs no credentials, pushing needs the token. Credentials that
   * are sent must still be right, as on GitHub. Without it, every request needs the token.
   */
  publicRead?: boolean;
  /**
   * The bare repository GitHub's URL `/<owner>/<name>` names (`owner/name`, without `.git`);
   * undefined when none. Paths under the root are served as they are besides.
   */
  lookup?: (fullName: string) => string | undefined;
  env?: Record<string, string>;
  /** Cut a service's answer mid-way and hold the connection (time-limit tests). */
  stall?: GitHttpStall;
}

const SERVICE = /^(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.*))$/;

function isBare(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
}

/**
 * The bare repository a request path names, relative to `root`, and the service part after it;
 * null when none. `/<owner>/<name>[.git]/…` goes through `lookup`; any other path is tried as
 * it is under the root (`/remote.git/…`), with `.git` added.
 */
function resolve(
  root: string,
  pathname: string,
  lookup: GitHttpOptions['lookup'],
): { repo: string; rest: string } | null {
  const segments = pathname.split('/').filter(Boolean);
  for (let i = 1; i <= segments.length; i++) {
    const rest = `/${segments.slice(i).join('/')}`;
    if (!SERVICE.test(rest)) continue;
    const head = segments.slice(0, i);
    const candidates = [head.join('/'), `${head.join('/')}.git`].map((c) => path.resolve(root, c));
    if (i === 2 && lookup) {
      const found = lookup(`${head[0]}/${head[1]!.replace(/\.git$/, '')}`);
      if (found) candidates.unshift(found);
    }
    for (const dir of candidates) {
      if (dir.startsWith(root + path.sep) && isBare(dir)) return { repo: path.relative(root, dir), rest };
    }
  }
  return null;
}

export async function serveGitHttp(root: string, options: GitHttpOptions = {}): Promise<GitHttpServer> {
  let stall = options.stall ? { ...options.stall, left: options.stall.times ?? Infinity } : null;
  const stalled: string[] = [];
  const expected = options.token ? `basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` : null;
  const requests: GitHttpServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const push = url.searchParams.get('service') === 'git-receive-pack' || pathname.endsWith('/git-receive-pack');
    // Node keeps only the first of duplicate Authorization headers; GitHub refuses the request.
    const authorizationHeaders = req.rawHeaders.filter(
      (_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'authorization',
    ).length;
    const given = req.headers.authorization;
    const right = expected === null || (given ?? '').toLowerCase() === expected.toLowerCase();
    const authorized = right || (options.publicRead === true && !push && given === undefined);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized, authorizationHeaders, push });
    if (authorizationHeaders > 1) {
      res.writeHead(400).end('Duplicate header: "Authorization"');
      return;
    }
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="sandbox"' }).end();
      return;
    }
    const target = resolve(root, pathname, options.lookup);
    if (!target) {
      res.writeHead(404).end('Repository not found.');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...options.env,
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: `/${target.repo}${target.rest}`,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        // http-backend serves receive-pack only to an authenticated user.
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, split).toString('latin1');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n')) {
        const i = line.indexOf(':');
        const [k, v] = [line.slice(0, i).trim(), line.slice(i + 1).trim()];
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else if (k) headers[k] = v;
      }
      const body = out.subarray(split + 4);
      if (stall && stall.left > 0 && req.method === 'POST' && url.pathname.endsWith(`/${stall.service}`)) {
        stall.left--;
        stalled.push(`${req.method} ${url.pathname}`);
        delete headers['Content-Length'];
        res.writeHead(status, headers);
        res.flushHeaders();
        res.write(body.subarray(0, Math.min(stall.afterBytes, Math.max(0, body.length - 1))));
        return; // and nothing more: the socket stays open
      }
      res.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A test that forgets to close it must not keep the test process alive.
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (bare) => `${origin}/${path.relative(root, bare).split(path.sep).map(encodeURIComponent).join('/')}`,
    requests,
    stalled,
    setStall(next) {
      stall = next ? { ...next, left: next.times ?? Infinity } : null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
