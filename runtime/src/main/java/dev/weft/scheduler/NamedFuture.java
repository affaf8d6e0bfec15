package dev.weft.scheduler;

import dev.weft.Context;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.Objects;

/**
 * A future with the name its task should carry: {@code spawn(name, future)} passes one to
 * {@code spawn(future)}, and the task keeps the name and polls the inner future directly, so a
 * name costs nothing after the spawn. Polled anywhere else, it is just its inner future.
 */
record NamedFuture<T>(String name, Future<T> future) implements Future<T>, Described {
    public NamedFuture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(future, "future");
    }

    @Override
    public Poll<T> poll(Context cx) {
        return future.poll(cx);
    }

    @Override
    public String describe() {
        return Described.of(future);
    }

    @Override
    public Object inner() {
        return future;
    }
}
