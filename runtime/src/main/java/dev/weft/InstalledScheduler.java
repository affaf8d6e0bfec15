package dev.weft;

import java.util.ServiceLoader;

/**
 * The {@link SchedulerProvider} the runtime ships, looked up once, on first use. A lookup rather
 * than a call keeps {@code dev.weft} free of a compile-time edge to {@code dev.weft.scheduler},
 * which is built on it.
 */
final class InstalledScheduler {
    static final SchedulerProvider PROVIDER = ServiceLoader
            .load(SchedulerProvider.class, SchedulerProvider.class.getClassLoader())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + SchedulerProvider.class.getName()
                    + " found: the jar that holds dev.weft lost its META-INF/services entry"));

    private InstalledScheduler() {}
}
