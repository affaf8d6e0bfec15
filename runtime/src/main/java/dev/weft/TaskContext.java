package dev.weft;

import java.util.NoSuchElementException;

/**
 * The {@link TaskLocal} values and {@link ThreadBinding}s in effect for the future being polled on
 * this thread: an immutable list, newest binding first, so a child context shares its parent's
 * tail and binding a value allocates one node. {@link #EMPTY} outside any bound future.
 */
final class TaskContext {
    static final TaskContext EMPTY = new TaskContext(null, null, null, null);
    private static final ThreadLocal<TaskContext> CURRENT = ThreadLocal.withInitial(() -> EMPTY);

    private final TaskContext parent;
    private final TaskLocal<?> key; // set for a value node
    private final Object value;
    private final ThreadBinding binding; // set for a binding node

    private TaskContext(TaskContext parent, TaskLocal<?> key, Object value, ThreadBinding binding) {
        this.parent = parent;
        this.key = key;
        this.value = value;
        this.binding = binding;
    }

    static TaskContext current() {
        return CURRENT.get();
    }

    TaskContext with(TaskLocal<?> local, Object v) {
        return new TaskContext(this, local, v, null);
    }

    TaskContext with(ThreadBinding b) {
        return new TaskContext(this, null, null, b);
    }

    boolean isBound(TaskLocal<?> local) {
        for (TaskContext c = this; c != EMPTY; c = c.parent) {
            if (c.key == local) {
                return true;
            }
        }
        return false;
    }

    Object get(TaskLocal<?> local) {
        for (TaskContext c = this; c != EMPTY; c = c.parent) {
            if (c.key == local) {
                return c.value;
            }
        }
        throw new NoSuchElementException(local + " is not bound in this task");
    }

    /** {@code future}, polled in this context wherever it runs; itself if nothing is bound. */
    <T> Future<T> carry(Future<T> future) {
        return this == EMPTY ? future : BoundFuture.snapshot(this, future);
    }

    /**
     * Makes this the current context and installs the bindings that the current one lacks;
     * returns what {@link #exit} needs to undo it.
     */
    Entered enter() {
        TaskContext previous = CURRENT.get();
        CURRENT.set(this);
        int count = 0;
        for (TaskContext c = this; c != previous && c != EMPTY; c = c.parent) {
            if (c.binding != null) {
                count++;
            }
        }
        if (count == 0) {
            return new Entered(previous, null, null);
        }
        // installed outermost first, as if each binding had been entered in turn
        ThreadBinding[] bindings = new ThreadBinding[count];
        int i = count;
        for (TaskContext c = this; c != previous && c != EMPTY; c = c.parent) {
            if (c.binding != null) {
                bindings[--i] = c.binding;
            }
        }
        Object[] saved = new Object[count];
        for (int j = 0; j < count; j++) {
            saved[j] = bindings[j].install();
        }
        return new Entered(previous, bindings, saved);
    }

    /** Undoes {@link #enter}: restores the bindings innermost first, then the previous context. */
    static void exit(Entered entered) {
        try {
            if (entered.bindings != null) {
                for (int j = entered.bindings.length - 1; j >= 0; j--) {
                    entered.bindings[j].restore(entered.saved[j]);
                }
            }
        } finally {
            CURRENT.set(entered.previous);
        }
    }

    /** What {@link #enter} changed on this thread. */
    record Entered(TaskContext previous, ThreadBinding[] bindings, Object[] saved) {}
}
