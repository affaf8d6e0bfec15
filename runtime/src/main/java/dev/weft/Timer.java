package dev.weft;

import java.time.Duration;

/**
 * Time-based futures, all served by one timer thread for the whole runtime.
 *
 * <pre>{@code
 * await(Timer.sleep(Duration.ofMillis(50)));
 * }</pre>
 */
public final class Timer {
    private Timer() {}

    /**
     * A future that completes {@code d} after its first poll. Like every Weft future it is lazy:
     * creating it starts nothing.
     */
    public static Future<Void> sleep(Duration d) {
        return new Sleep(d.toNanos());
    }
}
