import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sampleExamples } from './examples.js';
import { runProgress } from './progress.js';
import { loadStats, openRuns, statsSummary, type RunSource } from './runs.js';
import { loadPublicFiles, type StaticFile } from './static.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

export interface DashboardOptions {
  runs: string[];
  host?: string;
  port?: number;
  /** Redis of a distributed run: the progress view adds queue counts and worker heartbeats. */
  redis?: string;
}

export interface Dashboard {
  url: string;
  server: Server;
  runs: RunSource[];
  close(): Promise<void>;
}

// Defence in depth: the page builds every element with DOM APIs, and even if data ever reached
// markup, no inline script, no foreign origin, no plugin and no framing would run.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, req: IncomingMessage, value: unknown): void {
  send(res, req, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function intParam(v: string | null, dflt: number, max: number): number {
  const n = v === null ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'bad number');
  return Math.min(n, max);
}

/** Routes: static page files by exact name, and a read-only JSON API over runs named by index. */
export function createHandler(runs: RunSource[], publicFiles: Map<string, StaticFile>, opts: { redis?: string; loopbackOnly: boolean }) {
  const redis = opts.redis;
  const runOf = (id: string): RunSource => {
    const run = /^\d{1,4}$/.test(id) ? runs[Number(id)] : undefined;
    if (!run) throw new HttpError(404, 'no such run');
    return run;
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, req, 405, 'text/plain; charset=utf-8', 'read-only: GET and HEAD only\n', { Allow: 'GET, HEAD' });
        return;
      }
      // Served on loopback, only loopback names are answered: a web page elsewhere cannot rebind a
      // DNS name of its own to 127.0.0.1 and read the runs through the visitor's browser.
      if (opts.loopbackOnly && !LOOPBACK_HOST.test(req.headers.host ?? '')) throw new HttpError(403, 'unexpected Host header');
      const raw = req.url ?? '/';
      // Anything that could climb or hide a separator is refused before routing.
      if (!raw.startsWith('/') || /%2e|%2f|%5c|\\|\/\.\.?(\/|$)|\0/i.test(raw.split('?')[0])) throw new HttpError(404, 'not found');
      const url = new URL(raw, 'http://dashboard.invalid');
      const path = url.pathname;
      const file = publicFiles.get(path);
      if (file) {
        send(res, req, 200, file.type, file.body);
        return;
      }
      const parts = path.split('/').filter(Boolean);
      if (parts[0] !== 'api') throw new HttpError(404, 'not found');
      if (parts.length === 2 && parts[1] === 'runs') {
        sendJson(
          res,
          req,
          runs.map((r) => ({ id: r.id, label: r.label, path: r.dir })),
        );
        return;
      }
      if (parts[1] !== 'runs' || parts.length !== 4) throw new HttpError(404, 'not found');
      const run = runOf(parts[2]);
      const q = url.searchParams;
      switch (parts[3]) {
        case 'stats': {
          const { stats, finished } = loadStats(run);
          sendJson(res, req, { finished, ...statsSummary(stats) });
          return;
        }
        case 'signal': {
          const step = loadStats(run).stats.steps[q.get('step') ?? ''];
          const signal = step?.signals?.[q.get('name') ?? ''];
          if (!signal) throw new HttpError(404, 'no such signal');
          sendJson(res, req, signal);
          return;
        }
        case 'examples': {
          const { stats } = loadStats(run);
          const step = q.get('step') ?? '';
          if (!Object.hasOwn(stats.steps, step)) throw new HttpError(404, 'no such step');
          const kind = q.get('kind') === 'flagged' ? 'flagged' : 'dropped';
          sendJson(
            res,
            req,
            await sampleExamples(run, {
              step,
              reason: q.get('reason') ?? '',
              lang: q.get('lang') ?? '',
              kind,
              limit: intParam(q.get('limit'), 12, 100),
              snippetChars: intParam(q.get('chars'), 600, 5_000),
            }),
          );
          return;
        }
        case 'progress':
          sendJson(res, req, await runProgress(run, redis));
          return;
        default:
          throw new HttpError(404, 'not found');
      }
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) process.stderr.write(`dashboard: ${req.url}: ${(e as Error).stack ?? e}\n`);
      if (!res.headersSent) send(res, req, status, 'application/json; charset=utf-8', JSON.stringify({ error: status === 500 ? 'internal error' : (e as Error).message }));
    }
  };
}

/** Starts the dashboard over the given run folders; resolves once it listens. */
export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const runs = openRuns(opts.runs);
  const host = opts.host ?? DEFAULT_HOST;
  const handler = createHandler(runs, loadPublicFiles(), { redis: opts.redis, loopbackOnly: isLoopback(host) });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/`,
    server,
    runs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
