package dev.weft;

import dev.weft.rethrow.Throw;

/**
 * {@link AsyncStream#merge}: the elements of several streams in the order they arrive. Each poll
 * polls every live stream's pending {@code next()}, starting after the one that answered last, so
 * a busy stream cannot starve the others; a stream that ends drops out. The first failure closes
 * the others and reaches the consumer unchanged.
 */
final class MergedStream<T> extends AsyncStream<T> implements FallibleFuture<Item<T>, Exception>, Cancellable {
    private final AsyncStream<? extends T>[] sources; // null once ended
    private final Future<? extends Item<? extends T>>[] pending;
    private int live;
    private int start;

    @SuppressWarnings("unchecked")
    MergedStream(AsyncStream<? extends T>[] sources) {
        this.sources = sources.clone();
        this.pending = new Future[sources.length];
        this.live = sources.length;
    }

    @Override
    public Future<Item<T>> next() {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<Item<T>> poll(Context cx) {
        int n = sources.length;
        for (int k = 0; k < n && live > 0; k++) {
            int i = (start + k) % n;
            if (sources[i] == null) {
                continue;
            }
            Poll<? extends Item<? extends T>> p = pollOne(i, cx);
            if (p.isPending()) {
                continue;
            }
            if (p.value().present()) {
                start = i + 1;
                return (Poll<Item<T>>) p;
            }
            sources[i] = null;
            live--;
        }
        return live == 0 ? end() : Poll.pending();
    }

    private Poll<? extends Item<? extends T>> pollOne(int i, Context cx) {
        if (pending[i] == null) {
            pending[i] = sources[i].next();
        }
        Poll<? extends Item<? extends T>> p;
        try {
            p = pending[i].poll(cx);
        } catch (Throwable failure) {
            pending[i] = null;
            sources[i] = null;
            close();
            throw Throw.unchecked(failure);
        }
        if (p.isReady()) {
            pending[i] = null;
        }
        return p;
    }

    @Override
    public void cancel() {
        close();
    }

    @Override
    public void close() {
        for (int i = 0; i < sources.length; i++) {
            if (pending[i] != null) {
                Cancellable.cancel(pending[i]);
                pending[i] = null;
            }
            if (sources[i] != null) {
                sources[i].close();
                sources[i] = null;
            }
        }
        live = 0;
    }
}
