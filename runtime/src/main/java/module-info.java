/**
 * Weft's runtime: lazy futures, executors, timers, channels, non-blocking TCP and UDP, files, and
 * threads for blocking calls, with no dependencies beyond {@code java.base}.
 *
 * <p>Exported: the API ({@code dev.weft}, {@code dev.weft.sync}, {@code dev.weft.time},
 * {@code dev.weft.net}, {@code dev.weft.fs}) and {@code dev.weft.woven}, the contract woven code
 * calls (not for users; it is exported because woven classes live in their users' modules). The
 * scheduler and the reactor stay inside the module; {@code dev.weft} finds the scheduler as a
 * service ({@link dev.weft.SchedulerProvider}), so that the API does not depend on the package
 * built on it.
 *
 * <pre>{@code
 * module com.example.app {
 *     requires dev.weft.runtime;
 * }
 * }</pre>
 */
module dev.weft.runtime {
    // The task dump's MBeans and the scheduler's JFR events (TaskDump, issue #17); both modules are
    // in every JDK build, and the runtime still depends on nothing outside the JDK.
    requires java.management;
    requires jdk.jfr;

    exports dev.weft;
    exports dev.weft.sync;
    exports dev.weft.time;
    exports dev.weft.net;
    exports dev.weft.fs;
    exports dev.weft.woven;
    // for the MXBean interfaces, which the MBean server calls reflectively, and the events
    exports dev.weft.scheduler to java.management, jdk.jfr;

    uses dev.weft.SchedulerProvider;
    provides dev.weft.SchedulerProvider with dev.weft.scheduler.BuiltInScheduler;
}
