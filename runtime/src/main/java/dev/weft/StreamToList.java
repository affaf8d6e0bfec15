package dev.weft;

import java.util.ArrayList;
import java.util.List;

/** {@link AsyncStream#toList}: every element, in order, once the stream ends. Cancelling it closes the stream. */
final class StreamToList<T> implements FallibleFuture<List<T>, Exception>, Cancellable {
    private final AsyncStream<T> stream;
    private final List<T> out = new ArrayList<>();
    private Future<Item<T>> pending;

    StreamToList(AsyncStream<T> stream) {
        this.stream = stream;
    }

    @Override
    public Poll<List<T>> poll(Context cx) {
        for (;;) {
            if (pending == null) {
                pending = stream.next();
            }
            Poll<Item<T>> p = pending.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            pending = null;
            if (!p.value().present()) {
                return Poll.ready(out);
            }
            out.add(p.value().value());
        }
    }

    @Override
    public void cancel() {
        stream.close();
    }
}
