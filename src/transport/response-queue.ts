/**
 * Pipelined requests may be processed concurrently but must be answered in order, each response in
 * exactly one write (some clients read a response with a single recv and mis-parse split writes).
 * This queue holds one slot per request in arrival order and flushes the head as soon as it is done.
 */

export interface ResponseSink {
  /** Write one complete response; returns false when the kernel buffer is full (backpressure). */
  write(buf: Buffer): boolean;
  /** Graceful close after everything written so far. */
  end(): void;
  /** Abort the connection. */
  destroy(): void;
}

type Slot =
  | { state: 'pending' }
  | { state: 'ready'; response: Buffer | undefined; closeAfter: boolean }
  | { state: 'failed'; error: unknown };

export class ResponseQueue {
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(
    private readonly sink: ResponseSink,
    /** Called after each flush with the number of requests still unanswered and the write result. */
    private readonly onFlushed: (pending: number, writable: boolean) => void = () => undefined,
    private readonly onHandlerError: (err: unknown) => void = () => undefined,
  ) {}

  /** Requests accepted but not yet answered. */
  get pending(): number {
    return this.slots.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Reserve the next slot for a request being processed by `work`. */
  enqueue(work: Promise<Buffer>): void {
    if (this.closed) return;
    const slot: Slot = { state: 'pending' };
    this.slots.push(slot);
    work.then(
      (response) => this.complete(slot, { state: 'ready', response, closeAfter: false }),
      (error: unknown) => this.complete(slot, { state: 'failed', error }),
    );
  }

  /**
   * Queue a final response (e.g. the error answer to a malformed frame) after everything pending,
   * then close gracefully. `response` undefined: just close once earlier responses are written.
   */
  finish(response: Buffer | undefined): void {
    if (this.closed) return;
    this.slots.push({ state: 'ready', response, closeAfter: true });
    this.flush();
  }

  private complete(slot: Slot, result: Slot): void {
    Object.assign(slot, result);
    this.flush();
  }

  private flush(): void {
    let writable = true;
    while (!this.closed && this.slots.length > 0 && this.slots[0].state !== 'pending') {
      const slot = this.slots.shift() as Exclude<Slot, { state: 'pending' }>;
      if (slot.state === 'failed') {
        // The handler must answer every request (errors become KMIP error responses); if it threw
        // anyway we cannot answer in order any more, so the connection is dropped.
        this.closed = true;
        this.slots.length = 0;
        this.onHandlerError(slot.error);
        this.sink.destroy();
        return;
      }
      if (slot.response && slot.response.length > 0) writable = this.sink.write(slot.response) && writable;
      if (slot.closeAfter) {
        this.closed = true;
        this.slots.length = 0;
        this.sink.end();
        return;
      }
    }
    if (!this.closed) this.onFlushed(this.slots.length, writable);
  }
}
