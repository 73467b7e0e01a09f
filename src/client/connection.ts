/**
 * A KMIP client connection over mutual TLS, used by the CLI, the tests and the benchmark.
 * Requests may be pipelined: responses are matched to requests in order (KMIP servers answer in
 * order on one connection). Framing uses the same FrameDecoder as the server.
 */
import * as tls from 'node:tls';
import { FrameDecoder } from '../ttlv/frame';
import { HttpResponseDecoder, HttpStatusError, httpRequestBytes, type HttpClientOptions } from './http-framing';

export interface ConnectOptions {
  host: string;
  port: number;
  /** Client certificate and key (PEM). */
  cert: string | Buffer;
  key: string | Buffer;
  /** CA bundle that signed the server certificate (PEM); omitted = Node's default roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** SNI and name checked against the server certificate (default: host unless it is an IP). */
  servername?: string;
  /** A session from an earlier connection's getSession(), for resumption. */
  session?: Buffer;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
  /** OpenSSL option bits (e.g. crypto.constants.SSL_OP_NO_TICKET to force session-ID resumption). */
  secureOptions?: number;
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Fail a request whose response has not arrived in this time (default: none). */
  requestTimeoutMs?: number;
  maxMessageSize?: number;
  /** Skip server name verification (tests against certificates without the right name only). */
  checkServerIdentity?: typeof tls.checkServerIdentity;
  /**
   * A context made once from cert, key and ca (tls.createSecureContext), for a client that opens many
   * connections: without it every connection parses the key and the CA bundle again. cert/key/ca are then
   * ignored.
   */
  secureContext?: tls.SecureContext;
  /** KMIP over HTTPS (POST, TTLV/XML/JSON body) instead of TTLV frames; request() still takes and gives TTLV frames. */
  http?: HttpClientOptions;
}

interface Waiter {
  resolve(buf: Buffer): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

export class KmipConnectionError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'KmipConnectionError';
  }
}

export class KmipConnection {
  private readonly decoder: FrameDecoder;
  private readonly httpDecoder: HttpResponseDecoder | undefined;
  private readonly waiters: Waiter[] = [];
  private session: Buffer | undefined;
  private failure: Error | undefined;
  readonly closed: Promise<void>;

  private constructor(
    readonly socket: tls.TLSSocket,
    private readonly opts: ConnectOptions,
  ) {
    this.decoder = new FrameDecoder({ maxMessageSize: opts.maxMessageSize ?? 64 * 1024 * 1024 });
    this.httpDecoder = opts.http ? new HttpResponseDecoder(opts.http.encoding, opts.maxMessageSize ?? 64 * 1024 * 1024) : undefined;
    socket.on('session', (s: Buffer) => {
      this.session = s;
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.fail(new KmipConnectionError('connection closed by server', 'CLOSED'));
        resolve();
      }),
    );
  }

  static connect(opts: ConnectOptions): Promise<KmipConnection> {
    return new Promise((resolve, reject) => {
      const isIp = /^[\d.]+$|:/.test(opts.host);
      const tlsOpts: tls.ConnectionOptions = {
        host: opts.host,
        port: opts.port,
        ...(opts.secureContext ? { secureContext: opts.secureContext } : { cert: opts.cert, key: opts.key, ca: opts.ca }),
        servername: opts.servername ?? (isIp ? undefined : opts.host),
        session: opts.session,
        minVersion: opts.minVersion,
        maxVersion: opts.maxVersion,
        ciphers: opts.ciphers,
        secureOptions: opts.secureOptions,
        checkServerIdentity: opts.checkServerIdentity,
      };
      // Node asserts on some options explicitly set to undefined (e.g. minVersion): drop them.
      for (const k of Object.keys(tlsOpts) as Array<keyof tls.ConnectionOptions>) {
        if (tlsOpts[k] === undefined) delete tlsOpts[k];
      }
      const socket = tls.connect(tlsOpts);
      const conn = new KmipConnection(socket, opts);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new KmipConnectionError(`connect to ${opts.host}:${opts.port} timed out`, 'TIMEOUT'));
      }, opts.connectTimeoutMs ?? 10_000);
      const onEarly = (err: Error): void => {
        clearTimeout(timer);
        reject(err);
      };
      socket.once('error', onEarly);
      socket.once('close', () => onEarly(new KmipConnectionError('connection closed during TLS handshake', 'CLOSED')));
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        socket.off('error', onEarly);
        resolve(conn);
      });
    });
  }

  /** Send one framed request; resolves with the matching framed response. Pipelining allowed. */
  request(frame: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const w: Waiter = { resolve, reject };
      if (this.opts.requestTimeoutMs) {
        w.timer = setTimeout(() => this.fail(new KmipConnectionError('request timed out', 'TIMEOUT')), this.opts.requestTimeoutMs);
      }
      this.waiters.push(w);
      this.socket.write(this.opts.http ? httpRequestBytes(frame, this.opts.http, this.opts.host) : frame);
    });
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.waiters.length;
  }

  /** The latest TLS session (TLS 1.3 sends it after the handshake), for `session` on reconnect. */
  getSession(): Buffer | undefined {
    return this.session ?? this.socket.getSession();
  }

  isSessionReused(): boolean {
    return this.socket.isSessionReused();
  }

  /** Graceful close; pending requests fail. */
  close(): Promise<void> {
    if (!this.socket.destroyed) this.socket.end();
    const t = setTimeout(() => this.socket.destroy(), 2000);
    t.unref();
    return this.closed.then(() => clearTimeout(t));
  }

  private onData(chunk: Buffer): void {
    let frames: Array<Buffer | HttpStatusError>;
    try {
      frames = this.httpDecoder ? this.httpDecoder.push(chunk) : this.decoder.push(chunk);
    } catch (err) {
      this.fail(err as Error);
      this.socket.destroy();
      return;
    }
    for (const f of frames) {
      const w = this.waiters.shift();
      if (!w) {
        this.fail(new KmipConnectionError('unsolicited response from server', 'PROTOCOL'));
        this.socket.destroy();
        return;
      }
      if (w.timer) clearTimeout(w.timer);
      // An HTTP refusal (404, 415...) fails its own request only.
      if (f instanceof HttpStatusError) w.reject(f);
      // Own copy: the frame may be a view into a socket chunk.
      else w.resolve(this.httpDecoder ? f : Buffer.from(f));
    }
  }

  private fail(err: Error): void {
    if (!this.failure) this.failure = err;
    for (const w of this.waiters.splice(0)) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(err);
    }
    if ((err as KmipConnectionError).code === 'TIMEOUT') this.socket.destroy();
  }
}
