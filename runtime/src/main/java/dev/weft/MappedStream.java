package dev.weft;

import java.util.function.Function;

/** {@link AsyncStream#map}: each element through a function, as it arrives. */
final class MappedStream<T, R> extends StreamStage<T, R> {
    private final Function<? super T, ? extends R> f;

    MappedStream(AsyncStream<T> upstream, Function<? super T, ? extends R> f) {
        super(upstream);
        this.f = f;
    }

    @Override
    Poll<Item<R>> onItem(Item<T> item) {
        return Poll.ready(Item.of(f.apply(item.value())));
    }
}
