package dev.weft;

import java.util.function.Predicate;

/** {@link AsyncStream#filter}: the elements that pass a test; the others are dropped as they arrive. */
final class FilteredStream<T> extends StreamStage<T, T> {
    private final Predicate<? super T> keep;

    FilteredStream(AsyncStream<T> upstream, Predicate<? super T> keep) {
        super(upstream);
        this.keep = keep;
    }

    @Override
    Poll<Item<T>> onItem(Item<T> item) {
        return keep.test(item.value()) ? Poll.ready(item) : null;
    }
}
