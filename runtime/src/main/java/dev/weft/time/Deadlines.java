package dev.weft.time;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How a timer's deadline reads in a task dump: {@code deadline in 37 ms (2026-12-02T00:52:01.123Z)}. */
final class Deadlines {
    private Deadlines() {}

    static String describe(long nanosToDeadline) {
        Instant at = Instant.now().plusNanos(nanosToDeadline).truncatedTo(ChronoUnit.MILLIS);
        return nanosToDeadline < 0
                ? "deadline passed " + millis(-nanosToDeadline) + " ago (" + at + ")"
                : "deadline in " + millis(nanosToDeadline) + " (" + at + ")";
    }

    static String millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis() + " ms";
    }
}
