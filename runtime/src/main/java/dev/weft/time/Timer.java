package dev.weft.time;

import dev.weft.Future;
import dev.weft.JoinHandle;
import java.time.Duration;
import java.util.Objects;

/**
 * Futures that wait on time. Every timer in the runtime lives in one timer wheel (1 ms ticks) on
 * the reactor thread, which also serves {@code dev.weft.net}: no thread per timer, and a pending
 * timer costs one small object.
 *
 * <pre>{@code
 * await(Timer.sleep(Duration.ofMillis(50)));
 * String reply = await(Timer.timeout(request(), Duration.ofSeconds(2)));
 * }</pre>
 */
public final class Timer {
    private Timer() {}

    /**
     * A future that completes {@code d} after its first poll (never earlier; usually within a
     * millisecond or two after). Like every Weft future it is lazy: creating it starts nothing. A
     * zero or negative duration is ready at the first poll.
     *
     * <p>The returned future also has a public {@code boolean cancel()} that takes its timer out of
     * the wheel; {@link #timeout} calls it when it gives up on a sleep.
     */
    public static Future<Void> sleep(Duration d) {
        return new Sleep(d.toNanos());
    }

    /**
     * A future with {@code f}'s output, or a {@link TimeoutException} if {@code f} is not ready
     * {@code d} after the first poll. When the time runs out {@code f} is cancelled if it can be:
     * a {@link JoinHandle} cancels its task, and Weft's own sleeps and socket operations release
     * their timer or registration. {@code f} is polled before the clock is checked, so a future
     * that becomes ready at the deadline still wins.
     *
     * <pre>{@code
     * try {
     *     int n = await(Timer.timeout(stream.read(buf), Duration.ofSeconds(5)));
     * } catch (TimeoutException e) {
     *     stream.close(); // the peer went quiet
     * }
     * }</pre>
     */
    public static <T> Future<T> timeout(Future<T> f, Duration d) {
        return new Timeout<>(Objects.requireNonNull(f, "f"), Objects.requireNonNull(d, "d"));
    }
}
