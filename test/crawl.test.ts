import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { appendFile, readdir, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { createLogger } from '../pipelines/engine/log.js';
import { crawl, type CrawlInput, type CrawlSummary } from '../pipelines/crawl/index.js';
import { Fetcher } from '../pipelines/crawl/http.js';
import { extractLinks } from '../pipelines/crawl/links.js';
import { parseSize } from '../pipelines/crawl/options.js';
import { backoffMs, parseRetryAfter } from '../pipelines/crawl/retry.js';
import { Scope } from '../pipelines/crawl/scope.js';
import { guardedLookup, refusedRange } from '../pipelines/crawl/ssrf.js';
import { CrawlLockedError, SsrfRefusedError } from '../pipelines/crawl/errors.js';
import { normalizeUrl } from '../pipelines/crawl/url.js';
import { repoRoot } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

// ---- loopback test servers: each 127.0.0.x acts as a different host ---------------------------

interface Hit {
  t: number;
  path: string;
  ua: string;
}

interface TestServer {
  host: string;
  port: number;
  base: string;
  hits: Hit[];
  count(path: string): number;
  paths(): string[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, srv: TestServer) => void;

async function serve(host: string, handler: Handler): Promise<TestServer> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ t: Date.now(), path: req.url ?? '', ua: String(req.headers['user-agent']) });
    handler(req, res, srv);
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const port = (server.address() as AddressInfo).port;
  const srv: TestServer = {
    host,
    port,
    base: `http://${host}:${port}`,
    hits,
    count: (path) => hits.filter((h) => h.path === path).length,
    paths: () => hits.map((h) => h.path),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
  return srv;
}

function html(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
}

function robots(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(text);
}

const quiet = createLogger({}, 'error');

/** Fast defaults for loopback tests: private addresses allowed, no politeness delay, short back-offs. */
function opts(outDir: string, seeds: string[], over: Partial<CrawlInput> = {}): CrawlInput {
  return { outDir, seeds, allowPrivate: true, delayMs: 0, retryBaseMs: 50, robotsErrorWaitMs: 100, log: quiet, ...over };
}

// ---- reading WARCs back -----------------------------------------------------------------------

interface Rec {
  type: string;
  uri?: string;
  headers: Record<string, string>;
  status?: number;
  httpHeaders: Record<string, string>;
  payload: Buffer;
}

/** All records of all WARC files in dir, through warcio's WARCParser. */
async function readWarcs(dir: string): Promise<Rec[]> {
  const out: Rec[] = [];
  for (const f of (await readdir(dir)).filter((f) => /^crawl-\d{5}\.warc\.gz$/.test(f)).sort()) {
    for await (const r of new WARCParser(createReadStream(join(dir, f)))) {
      const payload = Buffer.from(await r.readFully(false));
      const headers: Record<string, string> = {};
      r.warcHeaders.headers.forEach((v: string, k: string) => (headers[k.toLowerCase()] = v));
      const httpHeaders: Record<string, string> = {};
      r.httpHeaders?.headers.forEach((v: string, k: string) => (httpHeaders[k.toLowerCase()] = v));
      const status = r.warcType === 'response' ? Number(r.httpHeaders?.statusCode) : undefined;
      out.push({ type: r.warcType, uri: r.warcTargetURI ?? undefined, headers, status, httpHeaders, payload });
    }
  }
  return out;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}
const sha1b32 = (b: Buffer) => 'sha1:' + base32(createHash('sha1').update(b).digest());

/**
 * Checks every record of a WARC file independently of warcio: each gzip member holds exactly one
 * record, and the block and payload digests match the bytes. Returns the record count.
 */
function verifyDigests(file: string): number {
  const raw = readFileSync(file);
  const warc = gunzipSync(raw);
  let pos = 0;
  let records = 0;
  while (pos < warc.length) {
    const headEnd = warc.indexOf('\r\n\r\n', pos);
    const head = warc.subarray(pos, headEnd).toString('utf8');
    const fields = new Map(
      head
        .split('\r\n')
        .slice(1)
        .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]),
    );
    assert.equal(head.split('\r\n')[0], 'WARC/1.1');
    const length = Number(fields.get('content-length'));
    const block = warc.subarray(headEnd + 4, headEnd + 4 + length);
    assert.equal(block.length, length, `record ${records} of ${file} is complete`);
    assert.equal(warc.subarray(headEnd + 4 + length, headEnd + 8 + length).toString(), '\r\n\r\n');
    const type = fields.get('warc-type');
    if (type !== 'warcinfo') {
      assert.equal(fields.get('warc-block-digest'), sha1b32(block), `block digest of ${type} ${fields.get('warc-target-uri')}`);
      if (type === 'response' || type === 'request') {
        const payload = block.subarray(block.indexOf('\r\n\r\n') + 4);
        assert.equal(fields.get('warc-payload-digest'), sha1b32(payload), `payload digest of ${type} ${fields.get('warc-target-uri')}`);
      }
    }
    pos = headEnd + 8 + length;
    records++;
  }
  return records;
}

/** Each record starts a gzip member of its own: the slice between two record offsets inflates to exactly one record. */
async function verifyMembers(file: string): Promise<number> {
  const raw = readFileSync(file);
  const offsets: number[] = [];
  const parser = new WARCParser(createReadStream(file));
  for await (const r of parser) {
    offsets.push(parser.offset);
    await r.readFully(false);
  }
  offsets.push(raw.length);
  for (let i = 0; i + 1 < offsets.length; i++) {
    const member = gunzipSync(raw.subarray(offsets[i], offsets[i + 1]));
    const headEnd = member.indexOf('\r\n\r\n');
    const length = Number(/\r\nContent-Length: (\d+)/i.exec(member.subarray(0, headEnd).toString())![1]);
    assert.equal(member.length, headEnd + 4 + length + 4, `${file}: member ${i} holds exactly one record`);
  }
  return offsets.length - 1;
}

// ---- unit checks ------------------------------------------------------------------------------

describe('crawl building blocks', () => {
  test('URL normalisation: lowercase scheme/host, no fragment, no default port, nothing else', () => {
    assert.equal(normalizeUrl('HTTP://Example.COM:80/A/b?z=1&a=2#frag'), 'http://example.com/A/b?z=1&a=2');
    assert.equal(normalizeUrl('https://example.com:443'), 'https://example.com/');
    assert.equal(normalizeUrl('https://example.com:8443/x/../y/'), 'https://example.com:8443/y/');
    assert.equal(normalizeUrl('rel/path', 'http://h/a/b'), 'http://h/a/rel/path');
    assert.equal(normalizeUrl('mailto:x@y'), undefined);
    assert.equal(normalizeUrl('javascript:void(0)'), undefined);
    assert.equal(normalizeUrl('http://[::1]:80/'), 'http://[::1]/');
  });

  test('SSRF ranges: private, loopback, link-local, CGNAT, 0/8, metadata, multicast refused; public allowed', () => {
    const refused = [
      '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '127.9.9.9', '169.254.1.1',
      '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250',
      '255.255.255.255', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fd00:ec2::254', 'fe80::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:a00:1', '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1', '[::1]',
    ];
    for (const a of refused) assert.ok(refusedRange(a), `${a} is refused`);
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2001:4860::8888', '::ffff:8.8.8.8']) {
      assert.equal(refusedRange(a), undefined, `${a} is allowed`);
    }
    assert.equal(refusedRange('169.254.169.254'), 'cloud metadata');
    assert.equal(refusedRange('fd00:ec2::254'), 'cloud metadata');
    assert.equal(refusedRange('100.100.1.1'), 'CGNAT');
  });

  test('guarded lookup drops refused answers and fails naming the address (DNS rebinding to loopback)', async () => {
    const rebinding = guardedLookup((host, _o, cb) =>
      cb(null, host === 'mixed.test' ? [{ address: '10.0.0.7', family: 4 }, { address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
    );
    const lookup = (host: string, all: boolean) =>
      new Promise<unknown>((ok, fail) => rebinding(host, { all }, (err, address) => (err ? fail(err) : ok(address))));
    await assert.rejects(lookup('rebind.test', false), (e: Error) => e instanceof SsrfRefusedError && /127\.0\.0\.1/.test(e.message));
    assert.deepEqual(await lookup('mixed.test', true), [{ address: '93.184.216.34', family: 4 }]);
    assert.equal(await lookup('mixed.test', false), '93.184.216.34');
  });

  test('Retry-After (seconds and HTTP date), back-off with jitter, sizes', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(backoffMs(0, 1000, 60_000, () => 0), 500);
    assert.equal(backoffMs(3, 1000, 60_000, () => 0.5), 8000);
    assert.equal(backoffMs(10, 1000, 60_000, () => 0.99), 60_000);
    assert.equal(parseSize('1GB'), 1e9);
    assert.equal(parseSize('10MiB'), 10 * 2 ** 20);
    assert.equal(parseSize('500k'), 500_000);
    assert.equal(parseSize('4096'), 4096);
  });

  test('links: <a>/<area> hrefs resolved against <base href>, nofollow optional, deduplicated', () => {
    const page = `<html><head><base href="https://cdn.example.org/docs/"></head><body>
      <a href="a.html#x">a</a><a href="a.html">again</a><a href="/root">r</a><a rel="nofollow sponsored" href="nf">nf</a>
      <a href="mailto:x@y">m</a><area href="https://other.example/z"><a>no href</a></body></html>`;
    assert.deepEqual(extractLinks(page, 'https://example.org/p', { skipNofollow: false }), [
      'https://cdn.example.org/docs/a.html',
      'https://cdn.example.org/root',
      'https://cdn.example.org/docs/nf',
      'https://other.example/z',
    ]);
    assert.equal(extractLinks(page, 'https://example.org/p', { skipNofollow: true }).length, 3);
    assert.deepEqual(extractLinks('<meta name="ROBOTS" content="noindex, nofollow"><a href="/x">x</a>', 'http://h/', { skipNofollow: true }), []);
  });

  test('scope: host, registrable domain, allow/deny regexes, depth', () => {
    const host = new Scope({ mode: 'host', allow: [], deny: [/\.pdf$/], maxDepth: 2 });
    host.addRoot('https://www.example.co.uk/');
    assert.equal(host.reject('https://www.example.co.uk/a', 1), undefined);
    assert.equal(host.reject('https://blog.example.co.uk/a', 1), 'host');
    assert.equal(host.reject('https://www.example.co.uk/a.pdf', 1), 'deny');
    assert.equal(host.reject('https://www.example.co.uk/a', 3), 'depth');
    const domain = new Scope({ mode: 'domain', allow: [/\/docs\//], deny: [], maxDepth: Infinity });
    domain.addRoot('https://www.example.co.uk/');
    assert.equal(domain.reject('https://blog.example.co.uk/docs/1', 5), undefined);
    assert.equal(domain.reject('https://blog.example.co.uk/other', 5), 'not-allowed');
    assert.equal(domain.reject('https://other.co.uk/docs/1', 5), 'domain');
  });
});

// ---- crawls against loopback servers ----------------------------------------------------------

describe('crawl over loopback HTTP', () => {
  test('robots.txt: our group wins over *, Disallow/Allow honoured, disallowed paths never requested; seen-set', async () => {
    const out = await tempDir('winnow-crawl-');
    const s = await serve('127.0.0.2', (req, res) => {
      const p = req.url!;
      if (p === '/robots.txt') return robots(res, 'User-agent: *\nDisallow: /\n\nUser-agent: winnow\nDisallow: /private\nAllow: /private/ok\n');
      if (p === '/') return html(res, '<a href="/private/secret">s</a><a href="/private/ok">ok</a><a href="/public#top">p</a><a href="/public">p again</a><a href="HTTP://127.0.0.2:' + s.port + '/public">p3</a>');
      return html(res, `<a href="/">home</a><a href="/private/more">m</a>`);
    });
    try {
      const sum = await crawl(opts(out, [s.base + '/']));
      assert.deepEqual(s.paths().sort(), ['/', '/private/ok', '/public', '/robots.txt']);
      assert.equal(s.count('/public'), 1, 'one fetch per normalised URL');
      assert.ok(s.hits.every((h) => h.ua.startsWith('winnow/')), 'our user agent on every request');
      assert.equal(sum.pages, 3);
      assert.equal(sum.disallowed, 2);
      assert.equal(sum.ended, 'done');
    } finally {
      await s.close();
    }
  });

  test('robots.txt failures per RFC 9309: 404 allows all, 503 disallows until it recovers, persistent 5xx gives up', async () => {
    const out = await tempDir('winnow-crawl-');
    let robotsCalls = 0;
    const missing = await serve('127.0.0.3', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      html(res, 'ok');
    });
    const flaky = await serve('127.0.0.4', (req, res) => {
      if (req.url === '/robots.txt') {
        if (++robotsCalls === 1) return void res.writeHead(503).end();
        return robots(res, 'User-agent: *\nAllow: /\n');
      }
      html(res, 'ok');
    });
    const down = await serve('127.0.0.5', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(500).end();
      html(res, 'never');
    });
    try {
      const sum = await crawl(opts(out, [missing.base + '/', flaky.base + '/', down.base + '/'], { robotsErrorWaitMs: 150, robotsMaxAttempts: 2 }));
      assert.deepEqual(missing.paths(), ['/robots.txt', '/']);
      assert.deepEqual(flaky.paths(), ['/robots.txt', '/robots.txt', '/']);
      assert.ok(flaky.hits[1].t - flaky.hits[0].t >= 150, 'origin disallowed while robots.txt was unreachable');
      assert.deepEqual(down.paths(), ['/robots.txt', '/robots.txt'], 'no page of an origin whose robots.txt stays 5xx');
      assert.equal(sum.pages, 2);
      assert.equal(sum.errors, 1);
    } finally {
      await Promise.all([missing.close(), flaky.close(), down.close()]);
    }
  });

  test('politeness: per-host delay (and a longer Crawl-delay) never violated, hosts crawled in parallel', async () => {
    const out = await tempDir('winnow-crawl-');
    const site = (crawlDelay?: number) => (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/robots.txt') return robots(res, `User-agent: *\n${crawlDelay ? `Crawl-delay: ${crawlDelay}\n` : ''}Allow: /\n`);
      const n = Number(req.url!.slice(3)) || 0;
      html(res, n < 4 ? `<a href="/p/${n + 1}">next</a><a href="/p/${n + 2}">skip</a>` : 'end');
    };
    const a = await serve('127.0.0.6', site());
    const b = await serve('127.0.0.7', site(0.3));
    try {
      const sum = await crawl(opts(out, [a.base + '/p/0', b.base + '/p/0'], { delayMs: 200, concurrency: 8 }));
      for (const [srv, delay] of [[a, 200], [b, 300]] as const) {
        assert.equal(srv.hits.length, 1 + 6, `robots.txt + 6 pages from ${srv.host}`);
        for (let i = 1; i < srv.hits.length; i++) {
          const gap = srv.hits[i].t - srv.hits[i - 1].t;
          assert.ok(gap >= delay, `${srv.host}: ${srv.hits[i].path} came ${gap} ms after the previous request (< ${delay} ms)`);
        }
      }
      assert.equal(sum.pages, 12);
      assert.ok(b.hits[1].t < a.hits[a.hits.length - 1].t && a.hits[1].t < b.hits[b.hits.length - 1].t, 'the two hosts were crawled at the same time');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('timeouts: slow headers, stalled body and a trickling body fail after their retries', async () => {
    const out = await tempDir('winnow-crawl-');
    const timers: NodeJS.Timeout[] = [];
    const s = await serve('127.0.0.8', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/') return html(res, '<a href="/slow-head">1</a><a href="/stalled-body">2</a><a href="/trickle">3</a>');
      if (req.url === '/slow-head') return; // never answers
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
      if (req.url === '/trickle') {
        const t = setInterval(() => res.write('.'), 50);
        timers.push(t);
        res.on('close', () => clearInterval(t));
      }
    });
    try {
      const sum = await crawl(
        // undici's headers/body timers tick every ~0.5 s, so 200 ms fire within ~1.2 s, before the 1.5 s fetch limit.
        opts(out, [s.base + '/'], { headersTimeoutMs: 200, bodyTimeoutMs: 200, fetchTimeoutMs: 1500, maxRetries: 1, retryBaseMs: 20, perHostConcurrency: 3 }),
      );
      assert.equal(s.count('/slow-head'), 2, 'first attempt + one retry');
      assert.equal(s.count('/stalled-body'), 2);
      assert.equal(s.count('/trickle'), 2);
      assert.equal(sum.pages, 1);
      assert.equal(sum.errors, 3);
      const errs = sum.errorSample.join('\n');
      assert.match(errs, /\/slow-head: headers-timeout/);
      assert.match(errs, /\/stalled-body: body-timeout/);
      assert.match(errs, /\/trickle: fetch-timeout/);
    } finally {
      timers.forEach(clearInterval);
      await s.close();
    }
  });

  test('redirects: each hop recorded and re-enqueued, loops stopped at --max-redirects or by the seen-set', async () => {
    const out = await tempDir('winnow-crawl-');
    const s = await serve('127.0.0.9', (req, res) => {
      const p = req.url!;
      if (p === '/robots.txt') return void res.writeHead(404).end();
      if (p === '/') return html(res, '<a href="/loop/0">l</a><a href="/a">a</a><a href="/r1">r</a>');
      const loop = /^\/loop\/(\d+)$/.exec(p);
      if (loop) return void res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
      if (p === '/a') return void res.writeHead(301, { location: '/b' }).end();
      if (p === '/b') return void res.writeHead(301, { location: '/a' }).end();
      if (p === '/r1') return void res.writeHead(307, { location: `http://127.0.0.9:${s.port}/r2` }).end();
      if (p === '/r2') return void res.writeHead(308, { location: '/final' }).end();
      html(res, 'final');
    });
    try {
      const sum = await crawl(opts(out, [s.base + '/'], { maxRedirects: 3 }));
      assert.deepEqual(
        s.paths().filter((p) => p.startsWith('/loop/')),
        ['/loop/0', '/loop/1', '/loop/2', '/loop/3'],
        'a redirect chain stops after 3 hops',
      );
      assert.equal(s.count('/a'), 1);
      assert.equal(s.count('/b'), 1);
      assert.equal(sum.redirectLimit, 1);
      assert.equal(sum.redirects, 4 + 2 + 2);
      const recs = await readWarcs(out);
      const meta = (path: string) => recs.find((r) => r.type === 'metadata' && r.uri === s.base + path)!.payload.toString();
      assert.match(meta('/final'), new RegExp(`redirectChain: ${s.base}/r1 ${s.base}/r2 ${s.base}/final`));
      assert.match(meta('/r1'), new RegExp(`redirectTo: ${s.base}/r2`));
      const r1 = recs.find((r) => r.type === 'response' && r.uri === s.base + '/r1')!;
      assert.equal(r1.status, 307);
    } finally {
      await s.close();
    }
  });

  test('byte limit: a 100 MB streamed body is cut at --max-bytes and marked WARC-Truncated: length; gzip bodies are stored decoded', async () => {
    const out = await tempDir('winnow-crawl-');
    let sent = 0;
    let closed = false;
    const gz = gzipSync('<html><body>' + 'compressed '.repeat(1000) + '</body></html>');
    const s = await serve('127.0.0.10', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/gz') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(gz.length) });
        return void res.end(gz);
      }
      if (req.url === '/image') {
        res.writeHead(200, { 'content-type': 'image/png' });
        return void res.end(Buffer.alloc(10_000));
      }
      const total = 100 * 2 ** 20;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total) });
      res.on('close', () => (closed = true));
      const pump = () => {
        while (sent < total && !closed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (sent >= total) res.end();
      };
      pump();
    });
    try {
      const sum = await crawl(opts(out, [s.base + '/big', s.base + '/gz', s.base + '/image'], { maxBytes: 2 ** 20 }));
      assert.ok(closed && sent < 100 * 2 ** 20, `the server stopped being read (${sent} bytes sent)`);
      assert.equal(sum.truncated, 1);
      assert.equal(sum.skippedType, 1, 'image/png is not in the content-type allowlist');
      const recs = await readWarcs(out);
      const big = recs.find((r) => r.type === 'response' && r.uri === s.base + '/big')!;
      assert.equal(big.headers['warc-truncated'], 'length');
      assert.equal(big.payload.length, 2 ** 20);
      assert.equal(big.httpHeaders['content-length'], String(2 ** 20));
      assert.equal(big.httpHeaders['x-crawler-content-length'], String(100 * 2 ** 20));
      const gzRec = recs.find((r) => r.type === 'response' && r.uri === s.base + '/gz')!;
      assert.match(gzRec.payload.toString(), /compressed compressed/);
      assert.equal(gzRec.httpHeaders['x-crawler-content-encoding'], 'gzip');
      assert.equal(gzRec.httpHeaders['content-encoding'], undefined);
      assert.ok(!recs.some((r) => r.uri === s.base + '/image'), 'no record for a skipped content type');
      for (const f of sum.files) verifyDigests(join(out, f));
    } finally {
      await s.close();
    }
  });

  test('429/503: Retry-After in seconds and as an HTTP date honoured, exponential back-off otherwise', async () => {
    const out = await tempDir('winnow-crawl-');
    const first = new Map<string, number>();
    const once = (key: string, res: ServerResponse, status: number, headers: Record<string, string>): boolean => {
      if (first.has(key)) return false;
      first.set(key, Date.now());
      res.writeHead(status, headers).end();
      return true;
    };
    const a = await serve('127.0.0.11', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/' && once('a', res, 429, { 'retry-after': '1' })) return;
      html(res, 'a');
    });
    const b = await serve('127.0.0.12', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/' && once('b', res, 503, { 'retry-after': new Date(Date.now() + 2000).toUTCString() })) return;
      html(res, 'b');
    });
    const c = await serve('127.0.0.13', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/' && once('c', res, 502, {})) return;
      html(res, 'c');
    });
    try {
      const sum = await crawl(opts(out, [a.base + '/', b.base + '/', c.base + '/'], { retryBaseMs: 100 }));
      const gap = (srv: TestServer) => srv.hits.filter((h) => h.path === '/')[1].t - srv.hits.filter((h) => h.path === '/')[0].t;
      assert.equal(a.count('/'), 2);
      assert.ok(gap(a) >= 1000, `Retry-After: 1 honoured (${gap(a)} ms)`);
      assert.ok(gap(b) >= 1000, `Retry-After: <HTTP date ~2 s ahead, second resolution> honoured (${gap(b)} ms)`);
      assert.ok(gap(c) >= 50 && gap(c) < 1000, `back-off 100 ms ± jitter (${gap(c)} ms)`);
      assert.equal(sum.pages, 3);
      assert.equal(sum.retries, 3);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  test('SSRF guard: loopback refused without allowPrivate, by IP literal and after DNS resolution; nothing sent', async () => {
    const out = await tempDir('winnow-crawl-');
    const s = await serve('127.0.0.14', (_req, res) => html(res, 'secret'));
    try {
      const sum = await crawl(opts(out, [s.base + '/admin', `http://localhost:${s.port}/x`], { allowPrivate: false }));
      assert.equal(s.hits.length, 0, 'no request reached the server');
      assert.equal(sum.pages, 0);
      assert.equal(sum.errors, 2);
      const errs = sum.errorSample.join('\n');
      assert.match(errs, new RegExp(`${s.base}/admin: refused to connect to 127\\.0\\.0\\.14 \\(loopback address\\)`));
      assert.match(errs, /http:\/\/localhost:\d+\/x: refused to connect to (127\.0\.0\.1|::1) \(loopback address for localhost\)/);
      // A resolver that rebinds a public-looking name to loopback is refused the same way.
      const f = new Fetcher({
        userAgent: 'winnow/test',
        allowPrivate: false,
        connectTimeoutMs: 1000,
        headersTimeoutMs: 1000,
        bodyTimeoutMs: 1000,
        fetchTimeoutMs: 2000,
        connectionsPerOrigin: 1,
        resolver: (_h, _o, cb) => cb(null, [{ address: '127.0.0.14', family: 4 }]),
      });
      await assert.rejects(f.fetch({ url: `http://rebind.example:${s.port}/`, maxBytes: 100, accept: '*/*' }), (e: Error) =>
        e instanceof SsrfRefusedError && e.message.includes(`http://rebind.example:${s.port}/`) && e.message.includes('127.0.0.14'),
      );
      await f.close();
      assert.equal(s.hits.length, 0);
    } finally {
      await s.close();
    }
  });

  test('WARC output: read back by warcio and by winnow\'s WARC reader; digests, links between records, rotation', async () => {
    const out = await tempDir('winnow-crawl-');
    const s = await serve('127.0.0.15', (req, res) => {
      if (req.url === '/robots.txt') return robots(res, 'User-agent: *\nAllow: /\n');
      const n = Number(req.url!.slice(3)) || 0;
      html(res, `<p>page ${n} ${'lorem ipsum '.repeat(50)}</p>` + (n < 9 ? `<a href="/p/${n + 1}">n</a>` : ''));
    });
    try {
      const sum = await crawl(opts(out, [s.base + '/p/0'], { maxFileSize: 2000 }));
      assert.equal(sum.pages, 10);
      assert.ok(sum.files.length >= 3, `rotated into ${sum.files.length} files`);
      const names = (await readdir(out)).filter((f) => f.endsWith('.warc.gz')).sort();
      assert.deepEqual(names, sum.files.slice().sort());
      assert.match(names[0], /^crawl-00000\.warc\.gz$/);
      assert.ok(!(await readdir(out)).some((f) => f.endsWith('.open')), 'no unfinished file left');
      let records = 0;
      for (const f of names) {
        records += verifyDigests(join(out, f));
        assert.equal(await verifyMembers(join(out, f)), verifyDigests(join(out, f)));
      }
      const recs = await readWarcs(out);
      assert.equal(records, recs.length);
      assert.equal(recs.filter((r) => r.type === 'warcinfo').length, names.length, 'one warcinfo per file');
      const byId = new Map(recs.map((r) => [r.headers['warc-record-id'], r]));
      const responses = recs.filter((r) => r.type === 'response');
      assert.equal(responses.length, 10);
      for (const r of responses) {
        const req = byId.get(r.headers['warc-concurrent-to'])!;
        assert.equal(req.type, 'request');
        assert.equal(req.headers['warc-concurrent-to'], r.headers['warc-record-id']);
        assert.equal(req.uri, r.uri);
        assert.equal(r.headers['warc-ip-address'], '127.0.0.15');
        assert.match(r.headers['warc-date'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        assert.equal(r.status, 200);
        const meta = recs.find((m) => m.type === 'metadata' && m.headers['warc-concurrent-to'] === r.headers['warc-record-id'])!;
        assert.match(meta.payload.toString(), /fetchTimeMs: \d+\r\ndepth: \d+\r\n(.|\r\n)*outlinks: [01]\r\n/);
        assert.equal(req.payload.length, 0);
        assert.match(req.httpHeaders['user-agent'], /^winnow\//);
      }
      // winnow's own WARC reader (pipelines/readers), when present in this tree.
      const readers = await import('../pipelines/readers/index.js').catch(() => undefined);
      const config = await import('../schemas/config.js').catch(() => undefined);
      if (readers && config) {
        const input = config.inputConfig.parse({ paths: ['unused'], format: 'warc' });
        const docs: Array<{ url?: string }> = [];
        const errors: unknown[] = [];
        for (const f of names) {
          const shard = { index: 0, source: join(out, f), relative: f, bytes: 0 };
          for await (const d of readers.getReader('warc')({ shard, input, log: quiet, reportError: (e) => errors.push(e) })) docs.push(d);
        }
        assert.deepEqual(errors, []);
        assert.deepEqual(docs.map((d) => d.url).sort(), responses.map((r) => r.uri).sort());
      }
    } finally {
      await s.close();
    }
  });

  test('limits: max-depth, deny, max-pages across runs; a live crawl\'s lock refuses a second crawl', async () => {
    const s = await serve('127.0.0.19', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      const n = Number(/\d+/.exec(req.url!)?.[0] ?? 0);
      html(res, `<a href="/p/${n + 1}">next</a><a href="/p/${n + 1}.pdf">pdf</a>`);
    });
    try {
      const deep = await tempDir('winnow-crawl-');
      const sum = await crawl(opts(deep, [s.base + '/p/0'], { maxDepth: 3, deny: [/\.pdf$/] }));
      assert.equal(sum.pages, 4);
      assert.deepEqual(s.paths().filter((p) => p !== '/robots.txt'), ['/p/0', '/p/1', '/p/2', '/p/3']);

      const out = await tempDir('winnow-crawl-');
      s.hits.length = 0;
      const first = await crawl(opts(out, [s.base + '/p/0'], { maxPages: 2, deny: [/\.pdf$/] }));
      assert.equal(first.pages, 2);
      assert.equal(first.ended, 'max-pages');
      const second = await crawl(opts(out, [s.base + '/p/0'], { maxPages: 5, deny: [/\.pdf$/] }));
      assert.equal(second.resumedPages, 2);
      assert.equal(second.pages, 3);
      assert.deepEqual(s.paths(), ['/robots.txt', '/p/0', '/p/1', '/p/2', '/p/3', '/p/4'], 'the second run fetched only new pages (robots.txt remembered)');

      await writeFile(join(out, '.crawl', 'lock'), String(process.ppid));
      await assert.rejects(crawl(opts(out, [s.base + '/p/0'])), (e: Error) => e instanceof CrawlLockedError && e.message.includes(String(process.ppid)));
    } finally {
      await s.close();
    }
  });

  test('Ctrl-C (SIGINT) stops cleanly: in-flight pages recorded, WARC completed, exit 130; a rerun finishes', async () => {
    const out = await tempDir('winnow-crawl-');
    const seeds = join(out, 'seeds.txt');
    let child: ReturnType<typeof spawn> | undefined;
    let pages = 0;
    const s = await serve('127.0.0.20', (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      const n = Number(req.url!.slice(3));
      if (++pages === 4) child?.kill('SIGINT');
      setTimeout(() => html(res, n < 9 ? `<a href="/p/${n + 1}">next</a>` : 'end'), 30);
    });
    await writeFile(seeds, `${s.base}/p/0\n`);
    const run = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => {
        child = spawnCli(['crawl', '--seeds', seeds, '--out', out, '--allow-private', '--delay', '0', '--no-progress']);
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d) => (stdout += d));
        child.stderr!.on('data', (d) => (stderr += d));
        child.on('exit', (code) => ok({ code, stdout, stderr }));
      });
    try {
      const first = await run();
      assert.equal(first.code, 130, first.stderr);
      assert.match(first.stderr, /SIGINT: finishing the requests in flight/);
      assert.match(first.stdout, /crawl stopped in [\d.]+s: 4 page\(s\) recorded/);
      assert.ok(!(await readdir(out)).some((f) => f.endsWith('.open')), 'the WARC was completed');
      assert.equal((await readWarcs(out)).filter((r) => r.type === 'response').length, 4);
      const second = await run();
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /crawl finished in [\d.]+s: 6 page\(s\) recorded .*; 4 page\(s\) from earlier runs/);
      assert.deepEqual(s.paths(), ['/robots.txt', ...Array.from({ length: 10 }, (_, i) => `/p/${i}`)]);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await s.close();
    }
  });

  test('kill -9 mid-crawl, then resume: nothing fetched twice, the unfinished WARC salvaged, all records readable', async () => {
    const out = await tempDir('winnow-crawl-');
    const seeds = join(out, 'seeds.txt');
    let child: ReturnType<typeof spawn> | undefined;
    let killAt = -1;
    const served = new Map<string, number>();
    let total = 0;
    const site = (req: IncomingMessage, res: ServerResponse, srv: TestServer) => {
      const key = srv.host + req.url;
      if (total === killAt && child) {
        // The crawler is killed while this request waits for its answer; it is never answered.
        child.kill('SIGKILL');
        res.socket?.destroy();
        return;
      }
      total++;
      if (req.url === '/robots.txt') robots(res, 'User-agent: *\nAllow: /\n');
      else {
        const n = Number(req.url!.slice(3)) || 0;
        const other = ['127.0.0.16', '127.0.0.17', '127.0.0.18'].map((h, i) => `<a href="http://${h}:${ports[i]}/p/${n + 1}">x</a>`).join('');
        html(res, `<p>${srv.host} page ${n} ${noise(key)}</p>` + (n < 7 ? other : ''));
      }
      served.set(key, (served.get(key) ?? 0) + 1);
    };
    const servers = await Promise.all(['127.0.0.16', '127.0.0.17', '127.0.0.18'].map((h) => serve(h, site)));
    const ports = servers.map((s) => s.port);
    await writeFile(seeds, servers.map((s) => s.base + '/p/0').join('\n') + '\n');
    const args = ['crawl', '--seeds', seeds, '--out', out, '--allow-private', '--delay', '0', '--concurrency', '1', '--max-file-size', '12kB', '--no-progress'];
    const run = () =>
      new Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }>((ok) => {
        child = spawnCli(args);
        let stderr = '';
        let stdout = '';
        child.stderr!.on('data', (d) => (stderr += d));
        child.stdout!.on('data', (d) => (stdout += d));
        child.on('exit', (code, signal) => ok({ code, signal, stderr, stdout }));
      });
    try {
      killAt = 14;
      const first = await run();
      assert.equal(first.signal, 'SIGKILL', first.stderr);
      const left = await readdir(out);
      const open = left.filter((f) => f.endsWith('.warc.gz.open'));
      assert.equal(open.length, 1, `an unfinished WARC is left (${left.join(', ')})`);
      assert.ok(left.some((f) => /^crawl-\d{5}\.warc\.gz$/.test(f)), 'and at least one completed one');
      // Simulate a record torn by the kill: garbage after the last complete record group.
      await appendFile(join(out, open[0]), gzipSync('WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nHTTP/1.1 200').subarray(0, 40));
      killAt = -1;
      const second = await run();
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, /resuming crawl/);
      assert.match(second.stderr, /kept \d+ record group\(s\) of the unfinished crawl-\d{5}\.warc\.gz/);
      assert.match(second.stdout, /crawl finished/);
      const twice = [...served].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'no URL was answered twice across the kill');
      assert.equal(served.size, 3 + 3 * 8, 'robots.txt + 8 pages per host');
      const files = (await readdir(out)).filter((f) => f.endsWith('.warc.gz'));
      assert.ok(!(await readdir(out)).some((f) => f.endsWith('.open')));
      for (const f of files) verifyDigests(join(out, f));
      const responses = (await readWarcs(out)).filter((r) => r.type === 'response');
      assert.equal(responses.length, 24, 'every page recorded once');
      assert.equal(new Set(responses.map((r) => r.uri)).size, 24);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});

/** The real CLI (bin/winnow.js) once bin/main.ts registers `crawl`, else the same command mounted on a bare program. */
function spawnCli(args: string[]) {
  const main = resolve(repoRoot, 'dist', 'bin', 'main.js');
  if (existsSync(main) && readFileSync(main, 'utf8').includes('registerCrawl')) {
    return spawn(process.execPath, [resolve(repoRoot, 'bin', 'winnow.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const cmd = resolve(repoRoot, 'dist', 'bin', 'commands', 'crawl.js');
  const code = `import { Command } from 'commander'; const { registerCrawl } = await import(${JSON.stringify(cmd)});
    const p = new Command('winnow'); registerCrawl(p); await p.parseAsync(${JSON.stringify(args)}, { from: 'user' });`;
  return spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** ~1.3 KB of incompressible-ish text, fixed per key (so record sizes, and so WARC rotation, are stable). */
function noise(key: string): string {
  let out = '';
  let h = key;
  for (let i = 0; i < 20; i++) out += (h = createHash('sha256').update(h).digest('hex'));
  return out;
}
