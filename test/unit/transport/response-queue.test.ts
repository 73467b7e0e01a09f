import { ResponseQueue, type ResponseSink } from '../../../src/transport/response-queue';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function fakeSink(writable = true) {
  const calls: Array<['write', Buffer] | ['end'] | ['destroy']> = [];
  const sink: ResponseSink = {
    write: (b) => (calls.push(['write', b]), writable),
    end: () => calls.push(['end']),
    destroy: () => calls.push(['destroy']),
  };
  return { sink, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ResponseQueue', () => {
  test('answers in request order although work finishes in reverse, one write per response', async () => {
    const { sink, calls } = fakeSink();
    const q = new ResponseQueue(sink);
    const d = [deferred<Buffer>(), deferred<Buffer>(), deferred<Buffer>()];
    d.forEach((x) => q.enqueue(x.promise));
    const r = [Buffer.from('first-response'), Buffer.from('second'), Buffer.from('third!')];
    d[2].resolve(r[2]);
    await tick();
    d[1].resolve(r[1]);
    await tick();
    expect(calls).toEqual([]); // head not done: nothing may be written
    expect(q.pending).toBe(3);
    d[0].resolve(r[0]);
    await tick();
    expect(calls).toHaveLength(3);
    calls.forEach((c, i) => {
      expect(c[0]).toBe('write');
      expect(c[1]).toBe(r[i]); // the very buffer, whole, in one call
    });
    expect(q.pending).toBe(0);
  });

  test('finish() writes after everything pending, then ends; later work is ignored', async () => {
    const { sink, calls } = fakeSink();
    const q = new ResponseQueue(sink);
    const a = deferred<Buffer>();
    q.enqueue(a.promise);
    q.finish(Buffer.from('error-response'));
    expect(calls).toEqual([]);
    a.resolve(Buffer.from('ok'));
    await tick();
    expect(calls.map((c) => c[0])).toEqual(['write', 'write', 'end']);
    expect(String(calls[1][1])).toBe('error-response');
    q.enqueue(Promise.resolve(Buffer.from('late')));
    await tick();
    expect(calls).toHaveLength(3);
    expect(q.isClosed).toBe(true);
  });

  test('finish(undefined) just ends once earlier responses are out', async () => {
    const { sink, calls } = fakeSink();
    const q = new ResponseQueue(sink);
    q.finish(undefined);
    expect(calls).toEqual([['end']]);
  });

  test('a handler that rejects drops the connection instead of answering out of order', async () => {
    const { sink, calls } = fakeSink();
    const errors: unknown[] = [];
    const q = new ResponseQueue(sink, undefined, (e) => errors.push(e));
    const a = deferred<Buffer>();
    const b = deferred<Buffer>();
    q.enqueue(a.promise);
    q.enqueue(b.promise);
    b.resolve(Buffer.from('b'));
    a.reject(new Error('boom'));
    await tick();
    expect(calls).toEqual([['destroy']]);
    expect(errors).toHaveLength(1);
  });

  test('reports backpressure to the owner', async () => {
    const { sink } = fakeSink(false);
    const seen: Array<[number, boolean]> = [];
    const q = new ResponseQueue(sink, (p, w) => seen.push([p, w]));
    q.enqueue(Promise.resolve(Buffer.from('x')));
    await tick();
    expect(seen).toEqual([[0, false]]);
  });
});
