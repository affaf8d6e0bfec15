package dev.weft.net;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.time.Timer;
import java.io.IOException;
import java.time.Duration;

/**
 * A socket future bounded by {@link Timer#timeout}, still typed with {@link IOException} and still
 * {@link Cancellable}, which a method reference to the timeout's {@code poll} would not be. When
 * the time runs out the socket future is cancelled, which takes nothing off the socket: bytes that
 * arrive later wait for the next read, and a write's buffer position says how much went.
 */
final class WithTimeout<T> implements FallibleFuture<T, IOException>, Cancellable {
    private final Future<T> timed;

    WithTimeout(FallibleFuture<T, IOException> io, Duration limit) {
        this.timed = Timer.timeout(io, limit);
    }

    @Override
    public Poll<T> poll(Context cx) {
        return timed.poll(cx);
    }

    @Override
    public void cancel() {
        Cancellable.cancel(timed);
    }

    @Override
    public String toString() {
        return timed.toString();
    }
}
