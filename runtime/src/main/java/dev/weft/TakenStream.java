package dev.weft;

/**
 * {@link AsyncStream#take}: the first n elements. Upstream is closed as soon as the n-th element
 * is handed over, so its body's {@code finally} blocks run then, not when it would have ended.
 */
final class TakenStream<T> extends StreamStage<T, T> {
    private long left;

    TakenStream(AsyncStream<T> upstream, long n) {
        super(upstream);
        this.left = n;
        if (n == 0) {
            close();
        }
    }

    @Override
    Poll<Item<T>> onItem(Item<T> item) {
        if (--left == 0) {
            close();
        }
        return Poll.ready(item);
    }
}
