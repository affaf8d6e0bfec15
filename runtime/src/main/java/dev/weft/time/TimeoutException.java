package dev.weft.time;

import java.time.Duration;

/**
 * The failure of a {@link Timer#timeout} future whose inner future did not finish in time.
 * Unchecked, so it passes through {@code await} and {@code blockOn} like any failure.
 *
 * <pre>{@code
 * try {
 *     String body = await(Timer.timeout(fetch(url), Duration.ofSeconds(2)));
 * } catch (TimeoutException e) {
 *     // fetch(url) was cancelled; e.duration() is the limit that elapsed
 * }
 * }</pre>
 */
public class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration duration;

    public TimeoutException(Duration duration) {
        super("timed out after " + duration.toMillis() + " ms");
        this.duration = duration;
    }

    /** The limit that elapsed. */
    public Duration duration() {
        return duration;
    }
}
