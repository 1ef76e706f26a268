import { Redis, type RedisOptions } from 'ioredis';

/** The Redis every command uses unless told otherwise: `WINNOW_REDIS`, else the local default port. */
export const DEFAULT_REDIS_URL = process.env.WINNOW_REDIS ?? 'redis://127.0.0.1:6379';

/** A Redis URL with the password masked, for messages and logs. */
export function maskRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export class RedisUnavailableError extends Error {
  readonly code = 'WINNOW_REDIS_UNAVAILABLE';
  constructor(url: string, reason: string) {
    super(`cannot use Redis at ${maskRedisUrl(url)}: ${reason}`);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * Options for every connection winnow opens: `redis://[:password@]host:port[/db]` or `rediss://`
 * (TLS). BullMQ needs `maxRetriesPerRequest: null` so commands wait across reconnects (a Redis
 * restart mid-run pauses workers instead of failing their jobs).
 */
export function redisOptions(url: string): { url: string; options: RedisOptions } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUnavailableError(url, 'not a URL; expected redis://[:password@]host:port[/db] or rediss://…');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisUnavailableError(url, `unsupported scheme ${parsed.protocol}; use redis:// or rediss:// (TLS)`);
  }
  return {
    url,
    options: {
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
      // Reconnect forever with a capped backoff: Redis restarts are survivable.
      retryStrategy: (times) => Math.min(200 * times, 5_000),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

export function connect(url: string): Redis {
  const { options } = redisOptions(url);
  return new Redis(url, options);
}

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT_ALTNAME/;

/** Turns a connection failure into a message that says what to change. */
function explainFailure(url: string, err: NodeJS.ErrnoException, msg: string): string {
  if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(msg)) return `authentication failed (${msg}); put the password in the URL: redis://:PASSWORD@host:port`;
  const code = err.code ?? '';
  if (CERTIFICATE_ERROR.test(code) || CERTIFICATE_ERROR.test(msg)) {
    return `TLS certificate not trusted (${code || msg}); for a private CA set NODE_EXTRA_CA_CERTS=/path/to/ca.pem for every winnow process`;
  }
  if (url.startsWith('rediss:') && /EPROTO|wrong version number|packet length too long/i.test(`${code} ${msg}`)) {
    return `TLS handshake failed (${code || msg}); the server does not speak TLS on this port: use redis:// or the TLS port`;
  }
  if (url.startsWith('redis:') && /ECONNRESET|Connection is closed/i.test(`${code} ${msg}`)) {
    return `${code || msg}; if this port expects TLS, use rediss://`;
  }
  return `${code || msg} — is Redis running and reachable from here? (e.g. \`docker compose up -d redis\`)`;
}

/**
 * Fails fast with a clear message when Redis is unreachable or refuses the credentials, instead of
 * retrying forever (which is what long-running connections should do once started).
 */
export async function probeRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const { options } = redisOptions(url);
  const probe = new Redis(url, { ...options, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, enableOfflineQueue: false });
  let lastError: NodeJS.ErrnoException | undefined;
  probe.on('error', (e: NodeJS.ErrnoException) => (lastError = e));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    // connect() rejects with a generic "Connection is closed"; the error event holds the cause.
    const err = (lastError ?? e) as NodeJS.ErrnoException;
    const msg = err.message ?? String(e);
    throw new RedisUnavailableError(url, explainFailure(url, err, msg));
  } finally {
    probe.disconnect();
  }
}
