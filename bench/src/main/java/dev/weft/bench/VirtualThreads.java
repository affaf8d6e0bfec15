package dev.weft.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;

/**
 * Virtual threads for the peers, reached through method handles so this module compiles with
 * {@code --release 17}; the benchmarks that use them run on JDK 21 or later (bench/run.sh uses
 * JDK 25). On an older JVM the first use fails with a message naming the JDK it needs.
 *
 * <pre>{@code
 * ExecutorService vts = VirtualThreads.perTaskExecutor();
 * vts.submit(work);
 * vts.shutdown();   // ExecutorService is not AutoCloseable under --release 17
 * }</pre>
 */
public final class VirtualThreads {
    private static final MethodHandle PER_TASK_EXECUTOR;
    private static final MethodHandle START;
    private static final String MISSING;

    static {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle perTask = null;
        MethodHandle start = null;
        String missing = null;
        try {
            perTask = lookup.findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
            start = lookup.findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            missing = "virtual threads need JDK 21 or later; this JVM is " + Runtime.version()
                    + " (bench/run.sh runs the benchmarks on JDK 25)";
        }
        PER_TASK_EXECUTOR = perTask;
        START = start;
        MISSING = missing;
    }

    private VirtualThreads() {}

    /** Whether this JVM has virtual threads (JDK 21 or later). */
    public static boolean isAvailable() {
        return MISSING == null;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
    public static ExecutorService perTaskExecutor() {
        require();
        try {
            return (ExecutorService) PER_TASK_EXECUTOR.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code Thread.startVirtualThread(task)}. */
    public static Thread start(Runnable task) {
        require();
        try {
            return (Thread) START.invokeExact(task);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void require() {
        if (MISSING != null) {
            throw new UnsupportedOperationException(MISSING);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
