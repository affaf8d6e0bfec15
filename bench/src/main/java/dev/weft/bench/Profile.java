package dev.weft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a report run measures. {@code short} fits the whole suite in about 15 minutes on two
 * cores (one fork, so its error bars are wide); {@code full} uses two forks and more iterations,
 * so a median covers two JVMs' JIT decisions, for numbers worth quoting. With about 60 benchmark
 * and parameter pairs, three forks of 30 s each took over 90 minutes, too long to run beside the
 * work it measures; two forks of 9 s take about half an hour.
 */
public enum Profile {
    SHORT(1, 3, 1, 5, 1, 3),
    FULL(2, 3, 1, 6, 1, 5);

    private final int forks;
    private final int warmups;
    private final int warmupSeconds;
    private final int iterations;
    private final int iterationSeconds;
    /** Fresh JVMs per side in the measurements JMH does not run (heap per task, agent overhead). */
    public final int processRuns;

    Profile(int forks, int warmups, int warmupSeconds, int iterations, int iterationSeconds, int processRuns) {
        this.forks = forks;
        this.warmups = warmups;
        this.warmupSeconds = warmupSeconds;
        this.iterations = iterations;
        this.iterationSeconds = iterationSeconds;
        this.processRuns = processRuns;
    }

    public static Profile named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    ChainedOptionsBuilder applyTo(ChainedOptionsBuilder options) {
        return options.forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(iterations)
                .measurementTime(new TimeValue(iterationSeconds, TimeUnit.SECONDS));
    }
}
