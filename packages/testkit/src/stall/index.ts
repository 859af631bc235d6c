// Servers that stall, on 127.0.0.1, for the time-limit tests: a real socket that accepts and then
// says nothing, an HTTP server that sends its headers and then nothing, and a proxy that passes
// requests through to a real service (the GitHub double, the registry) except the ones chosen to
// stall. Every server records what reached it and destroys its open sockets on close, so a
// stalled client never keeps a test alive.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface StallServer {
  /** `127.0.0.1:<port>`. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Connections (or requests, for HTTP) received so far. */
  readonly hits: number;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1; resolves to the port. */
async function listenOnLoopback(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Starts `server` on loopback. Its close destroys the open connections first (`dropConnections`):
 * a stalled client must not keep the server, and so the test, alive.
 */
async function serve(
  server: net.Server,
  dropConnections: () => void,
): Promise<Pick<StallServer, 'host' | 'url' | 'close'>> {
  const host = `127.0.0.1:${await listenOnLoopback(server)}`;
  return {
    host,
    url: `http://${host}`,
    close: () =>
      new Promise<void>((resolve) => {
        dropConnections();
        server.close(() => resolve());
      }),
  };
}

/** Accepts every connection and never sends a byte: a remote that hangs before answering. */
export async function silentTcpServer(): Promise<StallServer & { readonly requests: number }> {
  const sockets = new Set<net.Socket>();
  let hits = 0;
  let requests = 0;
  const server = net.createServer((socket) => {
    hits++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    // Read what the client sends, answer nothing. A connection that sent something is a request
    // (a client may open a spare connection it never uses).
    socket.once('data', () => requests++);
    socket.resume();
  });
  const { host, url, close } = await serve(server, () => {
    for (const s of sockets) s.destroy();
  });
  return {
    host,
    url,
    close,
    get hits() {
      return hits;
    },
    get requests() {
      return requests;
    },
  };
}

/** Answers every request with a status and headers (and `partial` bytes of body), then stalls. */
export async function headersThenStallServer(
  options: { status?: number; headers?: Record<string, string>; partial?: string } = {},
): Promise<StallServer> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(options.status ?? 200, { 'content-type': 'application/json', ...options.headers });
    res.flushHeaders();
    if (options.partial) res.write(options.partial);
  });
  const { host, url, close } = await serve(server, () => server.closeAllConnections());
  return {
    host,
    url,
    close,
    get hits() {
      return hits;
    },
  };
}

export interface StallRule {
  method?: string;
  /** Tested against the request's path (query string included). */
  path?: RegExp;
  /** `silent`: no answer at all; `headers`: the real answer's status and headers, then nothing. */
  mode: 'silent' | 'headers';
  /** How many matching requests stall; the later ones pass. Default 1. */
  times?: number;
}

export interface StallProxy extends StallServer {
  /** Requests that stalled, as `METHOD path`. */
  readonly stalled: string[];
  /** Every request, as `METHOD path`, in order. */
  readonly requests: string[];
  /** Replaces the rules (e.g. none, for the re-run). */
  setRules(rules: StallRule[]): void;
}

/** Each rule with its count of stalls left. */
function armed(rules: StallRule[]): (StallRule & { left: number })[] {
  return rules.map((r) => ({ ...r, left: r.times ?? 1 }));
}

/** Passes requests to `target` (an http:// origin), except those a rule chooses to stall. */
export async function stallProxy(target: string, rules: StallRule[] = []): Promise<StallProxy> {
  let active = armed(rules);
  const stalled: string[] = [];
  const requests: string[] = [];
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    requests.push(line);
    const rule = active.find(
      (r) =>
        r.left > 0 && (!r.method || r.method.toUpperCase() === req.method) && (!r.path || r.path.test(req.url ?? '')),
    );
    if (rule) rule.left--;
    if (rule?.mode === 'silent') {
      stalled.push(line);
      req.resume();
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (rule?.mode === 'headers') {
          stalled.push(line);
          res.flushHeaders();
          answer.resume();
          return;
        }
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const { host, url, close } = await serve(server, () => server.closeAllConnections());
  return {
    host,
    url,
    close,
    get hits() {
      return requests.length;
    },
    stalled,
    requests,
    setRules(next) {
      active = armed(next);
    },
  };
}

/** A port on 127.0.0.1 where nothing listens: connections to it are refused. */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
