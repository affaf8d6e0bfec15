package dev.weft;

/**
 * A stream computed from one upstream stream, and the future its {@code next()} returns: one
 * consumer asks for one element at a time, so one object serves every call. The upstream's
 * pending {@code next()} is kept across polls, so an element is never asked for twice.
 */
abstract class StreamStage<T, R> extends AsyncStream<R> implements FallibleFuture<Item<R>, Exception>, Cancellable {
    final AsyncStream<T> upstream;
    private Future<Item<T>> pending;
    private boolean ended;

    StreamStage(AsyncStream<T> upstream) {
        this.upstream = upstream;
    }

    /** The answer for one upstream item; null to ask upstream for another. */
    abstract Poll<Item<R>> onItem(Item<T> item);

    @Override
    public final Future<Item<R>> next() {
        return this;
    }

    @Override
    public final Poll<Item<R>> poll(Context cx) {
        while (!ended) {
            if (pending == null) {
                pending = upstream.next();
            }
            Poll<Item<T>> p = pending.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            pending = null;
            Poll<Item<R>> answer = p.value().present() ? onItem(p.value()) : finish();
            if (answer != null) {
                return answer;
            }
        }
        return end();
    }

    /** Ends this stage and closes upstream (running its body's finally blocks); the answer is the end. */
    final Poll<Item<R>> finish() {
        close();
        return end();
    }

    @Override
    public final void cancel() {
        close();
    }

    @Override
    public final void close() {
        ended = true;
        if (pending != null) {
            Cancellable.cancel(pending);
            pending = null;
        }
        upstream.close();
    }
}
