/**
 * One authenticated client connection: framing, pipelining with in-order answers, backpressure,
 * idle timeout and graceful close. Knows nothing of KMIP operations: every complete frame goes to the
 * handler, every handler result goes back in one write.
 *
 * The first byte decides the connection's framing for good: a TTLV Request Message starts with its tag
 * (0x42), an HTTP request with the capital letters of its method. HTTP connections (KMIP over HTTPS, the
 * Additional Message Encodings profile, which allows it on port 5696 beside TTLV) are framed by
 * http-request.ts and answered by http-exchange.ts, around the same handler.
 */
import type { TLSSocket } from 'node:tls';
import { FrameDecoder } from '../ttlv/frame';
import { answerHttpRequest, CONTINUE_RESPONSE, httpErrorResponse } from './http-exchange';
import { HttpFramingError, HttpRequestDecoder, type HttpRequest } from './http-request';
import type { Logger } from '../logging';
import type { PeerInfo } from './peer';
import { ResponseQueue } from './response-queue';

export type FrameHandler = (frame: Buffer, peer: PeerInfo) => Promise<Buffer>;
/** Asked for a KMIP error response to a malformed/oversized frame; undefined = just close. */
export type FrameErrorHandler = (err: Error, peer: PeerInfo) => Buffer | undefined;

export interface ServerConnectionOptions {
  maxMessageSize: number;
  idleTimeoutMs: number;
  maxPipelinedRequests: number;
  /** After a graceful end, destroy if the peer has not closed within this time. */
  lingerMs: number;
  handler: FrameHandler;
  onFrameError?: FrameErrorHandler;
  /** KMIP over HTTPS on this connection when its first request is HTTP; absent: TTLV only. */
  http?: { path: string };
  logger: Logger;
}

/** A request accepted and not started yet. */
type Job = () => Promise<Buffer>;

/** An HTTP request starts with a method in capitals; 'B' (0x42) is the first byte of every TTLV message. */
function startsHttp(byte: number): boolean {
  return byte >= 0x41 && byte <= 0x5a && byte !== 0x42;
}

export class ServerConnection {
  private readonly decoder: FrameDecoder;
  /** Set when the first bytes are an HTTP request. */
  private http: HttpRequestDecoder | undefined;
  private sniffed = false;
  private readonly queue: ResponseQueue;
  /** Complete requests not started yet because maxPipelinedRequests are in flight (at most one chunk's worth). */
  private readonly backlog: Job[] = [];
  private readingPaused = false;
  private draining = false;
  /** The socket is corked until the current batch of promise continuations has written (see write). */
  private corked = false;
  /** No more reading: closing gracefully or after a frame error. */
  private closing = false;
  /** A final response (or none) to send once every accepted frame is answered, then end. */
  private finishRequested: { response: Buffer | undefined } | undefined;
  private finished = false;
  readonly closed: Promise<void>;

  constructor(
    readonly socket: TLSSocket,
    readonly peer: PeerInfo,
    private readonly opts: ServerConnectionOptions,
  ) {
    this.decoder = new FrameDecoder({ maxMessageSize: opts.maxMessageSize });
    this.queue = new ResponseQueue(
      {
        write: (buf) => this.write(buf),
        end: () => this.endGracefully(),
        destroy: () => socket.destroy(),
      },
      (pending, writable) => this.afterFlush(pending, writable),
      (err) => opts.logger.error('request handler failed; dropping connection', { ...this.logFields(), error: err }),
    );
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      this.draining = false;
      this.updateReading();
    });
    socket.setTimeout(opts.idleTimeoutMs, () => this.onIdle());
  }

  /** Requests received and not yet answered. */
  get pending(): number {
    return this.queue.pending;
  }

  /** Stop reading; close once every accepted request has been answered. */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.socket.pause();
      this.finishRequested = { response: undefined };
      this.pump();
    }
    return this.closed;
  }

  private onData(chunk: Buffer): void {
    if (this.closing || chunk.length === 0) return;
    if (!this.sniffed) {
      this.sniffed = true;
      if (this.opts.http && startsHttp(chunk[0])) {
        this.http = new HttpRequestDecoder({ maxBodyBytes: this.opts.maxMessageSize, onContinue: () => this.sendContinue() });
        this.opts.logger.debug('connection speaks KMIP over HTTPS', this.logFields());
      }
    }
    if (this.http) {
      this.onHttpData(this.http, chunk);
      return;
    }
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.onFrameError(err as Error);
      return;
    }
    for (const frame of frames) this.backlog.push(() => this.opts.handler(frame, this.peer));
    this.pump();
  }

  private onHttpData(decoder: HttpRequestDecoder, chunk: Buffer): void {
    let requests: HttpRequest[];
    try {
      requests = decoder.push(chunk);
    } catch (err) {
      if (!(err instanceof HttpFramingError)) throw err;
      this.opts.logger.warn('malformed HTTP request; closing connection', { ...this.logFields(), status: err.status, reason: err.message });
      this.finishWith(httpErrorResponse(err.status, err.message));
      return;
    }
    for (const req of requests) {
      this.backlog.push(() => this.answerHttp(req));
      if (!req.keepAlive) {
        // The answer to this request is the last: what follows it is not read.
        this.finishWith(undefined);
        return;
      }
    }
    this.pump();
  }

  private async answerHttp(req: HttpRequest): Promise<Buffer> {
    const path = (this.opts.http as { path: string }).path;
    const answer = await answerHttpRequest(req, {
      path,
      handle: (frame) => this.opts.handler(frame, this.peer),
      invalidMessage: (err) => this.opts.onFrameError?.(err, this.peer),
    });
    if (answer.status !== 200) {
      this.opts.logger.info('HTTP request refused', {
        ...this.logFields(), status: answer.status, method: req.method, target: req.target.slice(0, 200), contentType: req.headers.get('content-type')?.slice(0, 100),
      });
    }
    return answer.response;
  }

  /** "100 Continue" for a client waiting to send a body; only when no earlier answer is still due. */
  private sendContinue(): void {
    if (this.queue.pending === 0 && this.backlog.length === 0) this.socket.write(CONTINUE_RESPONSE);
  }

  /** Start backlogged frames while fewer than maxPipelinedRequests are unanswered. */
  private pump(): void {
    while (this.backlog.length > 0 && this.queue.pending < this.opts.maxPipelinedRequests) {
      this.queue.enqueue(this.run(this.backlog.shift() as Job));
    }
    if (this.finishRequested && this.backlog.length === 0 && !this.finished) {
      this.finished = true;
      this.queue.finish(this.finishRequested.response);
      return;
    }
    this.updateReading();
  }

  private run(job: Job): Promise<Buffer> {
    try {
      return Promise.resolve(job());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Requests accepted before now are still answered (in order), then `response` if any, then the
   * connection ends. Reading stops at once: an oversized request is never buffered, the rest of it
   * stays in the kernel.
   */
  private finishWith(response: Buffer | undefined): void {
    this.closing = true;
    this.socket.pause();
    this.finishRequested = { response };
    this.pump();
  }

  private onFrameError(err: Error): void {
    const code = (err as { code?: string }).code;
    this.opts.logger.warn('malformed frame; closing connection', { ...this.logFields(), code, reason: err.message });
    let response: Buffer | undefined;
    try {
      response = this.opts.onFrameError?.(err, this.peer);
    } catch (cbErr) {
      this.opts.logger.error('frame error callback failed', { ...this.logFields(), error: cbErr });
    }
    this.finishWith(response);
  }

  /**
   * Answers that become ready in the same turn (pipelined requests settled by one commit) leave in one TCP
   * segment: the socket runs without Nagle (listener.ts), so the writes are corked until the continuations
   * that produced them have run (process.nextTick runs after the current microtasks).
   */
  private write(buf: Buffer): boolean {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    return this.socket.write(buf);
  }

  private afterFlush(pending: number, writable: boolean): void {
    if (!writable) this.draining = true;
    void pending;
    this.pump();
  }

  /** Read while fewer than maxPipelinedRequests are in flight and the socket is not backed up. */
  private updateReading(): void {
    if (this.closing) return;
    const shouldPause = this.draining || this.backlog.length > 0 || this.queue.pending >= this.opts.maxPipelinedRequests;
    if (shouldPause && !this.readingPaused) {
      this.readingPaused = true;
      this.socket.pause();
    } else if (!shouldPause && this.readingPaused) {
      this.readingPaused = false;
      this.socket.resume();
    }
  }

  private onIdle(): void {
    if (this.queue.pending > 0) return; // a slow request is not idleness
    this.opts.logger.debug('idle timeout; closing connection', this.logFields());
    this.closing = true;
    this.endGracefully();
  }

  private endGracefully(): void {
    this.closing = true;
    this.socket.end();
    const t = setTimeout(() => this.socket.destroy(), this.opts.lingerMs);
    t.unref();
    this.socket.once('close', () => clearTimeout(t));
  }

  private logFields(): Record<string, unknown> {
    return { connection: this.peer.connectionId, identity: this.peer.identity, remote: this.peer.remoteAddress };
  }
}
