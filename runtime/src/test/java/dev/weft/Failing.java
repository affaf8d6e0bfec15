package dev.weft;

import dev.weft.rethrow.Throw;

/** A future that fails with {@code failure} when first polled, after running {@code before}. */
public record Failing<T>(Throwable failure, Runnable before) implements Future<T> {
    public Failing(Throwable failure) {
        this(failure, () -> {});
    }

    @Override
    public Poll<T> poll(Context cx) {
        before.run();
        throw Throw.unchecked(failure);
    }
}
