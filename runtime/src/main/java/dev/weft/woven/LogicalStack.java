package dev.weft.woven;

import dev.weft.Described;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a chain of suspended coroutines stands: for each coroutine from the innermost out, the
 * await it is suspended at ({@link Coroutine#suspendedAt()}), and the leaf future the innermost
 * one waits on. Walks from a task's root through {@link Coroutine#awaitedFuture()}, looking
 * through {@link EagerCoroutine} and any {@link Described} wrapper that names an {@code inner()}
 * future.
 *
 * <p>Read racily, from any thread, while the task may be running: a coroutine being resumed has
 * taken its awaited future back, so the walk stops there with no leaf. Not for users: call
 * {@code dev.weft.TaskDump.capture()}.
 */
public final class LogicalStack {
    private static final int MAX_DEPTH = 4096; // a walk of racy reads must end even if it meets a cycle

    private final List<StackTraceElement> frames;
    private final Object leaf;

    private LogicalStack(List<StackTraceElement> frames, Object leaf) {
        this.frames = frames;
        this.leaf = leaf;
    }

    /** The stack of the chain that starts at {@code root} (a task's future, or one being driven). */
    public static LogicalStack of(Object root) {
        List<StackTraceElement> outermostFirst = new ArrayList<>();
        Object leaf = walk(root, outermostFirst, false);
        Collections.reverse(outermostFirst);
        return new LogicalStack(List.copyOf(outermostFirst), leaf);
    }

    /**
     * The leaf future the innermost coroutine of the chain at {@code root} waits on, or null when
     * {@code root} is not a suspended coroutine chain (a hand-written future, a combinator, a
     * coroutine running or done): what a task's {@code toString} says it is awaiting. The walk of
     * {@link #of}, without collecting the frames.
     */
    public static Object awaitedLeaf(Object root) {
        return walk(root, null, true);
    }

    /**
     * Follows the chain from {@code root}, adding each coroutine's await to {@code outermostFirst}
     * when one is given. Returns the first future that is neither a coroutine nor a wrapper (null
     * if it is not below a coroutine and {@code belowCoroutineOnly}); null when the chain ends at
     * a coroutine that is not suspended, or is too deep.
     */
    private static Object walk(Object root, List<StackTraceElement> outermostFirst, boolean belowCoroutineOnly) {
        Object f = root;
        boolean throughCoroutine = false;
        for (int depth = 0; f != null && depth < MAX_DEPTH; depth++) {
            if (f instanceof Coroutine<?> c) {
                throughCoroutine = true;
                StackTraceElement at = outermostFirst == null ? null : c.suspendedAt();
                if (at != null) {
                    outermostFirst.add(at);
                }
                f = c.awaitedFuture(); // null: not suspended (running, done, new)
            } else if (f instanceof EagerCoroutine<?> e) {
                f = e.body();
            } else if (f instanceof Described d && d.inner() != null) {
                f = d.inner();
            } else {
                return throughCoroutine || !belowCoroutineOnly ? f : null;
            }
        }
        return null;
    }

    /** The await of each suspended coroutine, innermost first; empty when none says where it is. */
    public List<StackTraceElement> frames() {
        return frames;
    }

    /** The non-coroutine future the innermost suspended coroutine waits on, or null if unknown. */
    public Object leaf() {
        return leaf;
    }
}
