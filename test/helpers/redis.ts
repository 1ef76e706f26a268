import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A private redis-server for one test file (so tests can restart it without touching the
 * machine's Redis). Nothing is persisted: a restart loses all queue state, the hardest case.
 */
/** TLS material for a private Redis: its certificate doubles as the CA clients must trust. */
export interface TestRedisTls {
  cert: string;
  key: string;
}

export class TestRedis {
  private proc: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly secure: { tls?: TestRedisTls; password?: string } = {},
  ) {}

  get url(): string {
    const auth = this.secure.password === undefined ? '' : `:${encodeURIComponent(this.secure.password)}@`;
    return `${this.secure.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${this.port}`;
  }

  /**
   * A self-signed certificate for 127.0.0.1 (subjectAltName IP), made with the openssl CLI;
   * undefined when openssl is missing.
   */
  static makeCertificate(dir: string): TestRedisTls | undefined {
    const cert = `${dir}/redis-cert.pem`;
    const key = `${dir}/redis-key.pem`;
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return r.status === 0 ? { cert, key } : undefined;
  }

  private serverArgs(): string[] {
    const args = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    const { tls, password } = this.secure;
    if (tls) args.push('--port', '0', '--tls-port', String(this.port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.cert, '--tls-auth-clients', 'no');
    else args.push('--port', String(this.port));
    if (password !== undefined) args.push('--requirepass', password);
    return args;
  }

  private ping(): boolean {
    const { tls, password } = this.secure;
    const args = ['-p', String(this.port)];
    if (tls) args.push('--tls', '--cacert', tls.cert);
    if (password !== undefined) args.push('--no-auth-warning', '-a', password);
    return spawnSync('redis-cli', [...args, 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';
  }

  static available(): boolean {
    return spawnSync('redis-server', ['--version']).status === 0;
  }

  async start(): Promise<void> {
    this.proc = spawn('redis-server', this.serverArgs(), { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (this.ping()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    p.kill('SIGKILL');
    await new Promise((r) => p.once('exit', r));
  }
}
