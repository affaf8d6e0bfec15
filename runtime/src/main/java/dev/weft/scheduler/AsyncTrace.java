package dev.weft.scheduler;

import dev.weft.AwaitedAt;
import dev.weft.woven.Coroutine;
import dev.weft.woven.LogicalStack;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Adds an {@link AwaitedAt} to a failure as it crosses a {@link Task}'s handle, built on the
 * reader's thread at that moment (so a task that succeeds costs nothing).
 *
 * <p>Where the reader waits is on its own thread's stack: a task reading a handle is in the middle
 * of a poll, and each woven coroutine's body calls its child's, so the thread holds the user's
 * methods at the lines of their awaits. Weft's own frames (the runtime's classes and the generated
 * frame classes) are left out, and so is everything below the task's poll (the executor's loop).
 * A coroutine of the reader that is suspended rather than on the thread (one whose child is resumed
 * directly) is added from {@link LogicalStack}, outside the frames the thread shows.
 */
final class AsyncTrace {
    private static final URL RUNTIME = location(Task.class);
    /** The runtime's packages: a jar that bundles the runtime with the application (dev.weft.demo) shares its location. */
    private static final Set<String> RUNTIME_PACKAGES = Set.of("dev.weft", "dev.weft.woven", "dev.weft.scheduler",
            "dev.weft.sync", "dev.weft.time", "dev.weft.net", "dev.weft.reactor", "dev.weft.rethrow");

    private AsyncTrace() {}

    /** Adds the reader's {@code AwaitedAt} to {@code failure}, once per reader and place; returns it. */
    static Throwable crossing(Throwable failure, TaskOutcome<?> failed) {
        if (failure instanceof CancellationException) {
            return failure;
        }
        Task<?> reader = ExecutorThread.currentTask();
        StackTraceElement[] stack = readerStack(reader);
        String message = failed.describe() + " failed; awaited by "
                + (reader != null ? reader.describe() : "thread " + Thread.currentThread().getName());
        synchronized (failure) { // addSuppressed locks the same monitor; the check and the add are one step
            for (Throwable s : failure.getSuppressed()) {
                if (s instanceof AwaitedAt a && a.getMessage().equals(message) && sameFrames(a.getStackTrace(), stack)) {
                    return failure;
                }
            }
            failure.addSuppressed(new AwaitedAt(message, stack));
        }
        return failure;
    }

    private static StackTraceElement[] readerStack(Task<?> reader) {
        List<StackTraceElement> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.takeWhile(f -> !(f.getDeclaringClass() == Task.class && f.getMethodName().equals("run")))
                        .filter(f -> !isWeft(f.getDeclaringClass()))
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .toList());
        List<StackTraceElement> all = new ArrayList<>(frames);
        if (reader != null) {
            for (StackTraceElement suspended : LogicalStack.of(reader.root()).frames()) {
                if (frames.stream().noneMatch(f -> samePlace(f, suspended))) {
                    all.add(suspended);
                }
            }
        }
        return all.toArray(StackTraceElement[]::new);
    }

    /** The runtime's own classes, and the frame classes the weaver generates (synthetic coroutines). */
    private static boolean isWeft(Class<?> c) {
        if (c.isSynthetic() && Coroutine.class.isAssignableFrom(c)) {
            return true;
        }
        return RUNTIME_PACKAGES.contains(c.getPackageName()) && Objects.equals(location(c), RUNTIME);
    }

    private static URL location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static boolean sameFrames(StackTraceElement[] a, StackTraceElement[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!samePlace(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Class, method and line: a woven frame's own element may lack the loader and module names. */
    private static boolean samePlace(StackTraceElement a, StackTraceElement b) {
        return a.getLineNumber() == b.getLineNumber() && a.getClassName().equals(b.getClassName())
                && a.getMethodName().equals(b.getMethodName());
    }
}
