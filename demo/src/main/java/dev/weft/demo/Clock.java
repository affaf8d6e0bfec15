package dev.weft.demo;

import dev.weft.Future;
import dev.weft.time.Timer;
import java.time.Duration;

/** The tour's clock: durations in units scaled by --scale, and timestamped output lines. */
final class Clock {
    private final double secondsPerUnit;
    private long start = System.nanoTime();

    Clock(double scale) {
        this.secondsPerUnit = scale;
    }

    void restart() {
        start = System.nanoTime();
    }

    /** Units elapsed since the last restart. */
    double now() {
        return (System.nanoTime() - start) / 1e9 / secondsPerUnit;
    }

    Future<Void> sleep(double units) {
        return Timer.sleep(Duration.ofNanos((long) (units * secondsPerUnit * 1e9)));
    }

    void say(String line) {
        System.out.printf("  [%5.2f] %-44s (%s)%n", now(), line, Thread.currentThread().getName());
    }
}
