// The sandbox's bare repositories over HTTP (git's own http-backend as a CGI), optionally behind
// a token, the way GitHub serves a private repository: lets tests prove that credentials reach
// the server, and reach only it, without any network.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`: what GITHUB_SERVER_URL would be. */
  origin: string;
  /** The URL of a bare repository under the served root (given by its path). */
  url(bare: string): string;
  /** Every request, with whether it carried the expected credentials. */
  requests: { method: string; path: string; authorized: boolean; authorizationHeaders: number }[];
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

export async function serveGitHttp(root: string, options: { token?: string; env?: Record<string, string>; stall?: GitHttpStall } = {}): Promise<GitHttpServer> {
  let stall = options.stall ? { ...options.stall, left: options.stall.times ?? Infinity } : null;
  const stalled: string[] = [];
  const expected = options.token ? `basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` : null;
  const requests: GitHttpServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Node keeps only the first of duplicate Authorization headers; GitHub refuses the request.
    const authorizationHeaders = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'authorization').length;
    const authorized = expected === null || (req.headers.authorization ?? '').toLowerCase() === expected.toLowerCase();
    requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized, authorizationHeaders });
    if (authorizationHeaders > 1) {
      res.writeHead(400).end('Duplicate header: "Authorization"');
      return;
    }
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="sandbox"' }).end();
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...options.env,
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
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
