package dev.weft;

/**
 * A future polled, and cancelled, inside a {@link TaskContext}: each poll enters the context on
 * whatever thread runs it and leaves it afterwards, so the values follow the future across awaits
 * and worker threads, and nothing is left behind on the thread.
 *
 * <p>Two kinds: a layer adds one value or binding on top of the context current at each poll (what
 * {@link TaskLocal#with} and {@link ThreadBinding#around} build, so they compose in any order of
 * construction); a snapshot replaces it with the context captured when a {@link Scope} child was
 * spawned. A layer keeps the context it built last, so a future polled under the same parent
 * context allocates no new node.
 */
final class BoundFuture<T> implements Future<T>, Cancellable, Described {
    private final Future<T> inner;
    private final TaskContext snapshot; // null for a layer
    private final TaskLocal<?> key;
    private final Object value;
    private final ThreadBinding binding;
    private TaskContext builtOn; // the parent the layer's context was last built on
    private TaskContext built;

    private BoundFuture(Future<T> inner, TaskContext snapshot, TaskLocal<?> key, Object value, ThreadBinding binding) {
        this.inner = inner;
        this.snapshot = snapshot;
        this.key = key;
        this.value = value;
        this.binding = binding;
    }

    static <T> BoundFuture<T> value(TaskLocal<?> key, Object value, Future<T> inner) {
        return new BoundFuture<>(inner, null, key, value, null);
    }

    static <T> BoundFuture<T> binding(ThreadBinding binding, Future<T> inner) {
        return new BoundFuture<>(inner, null, null, null, binding);
    }

    static <T> BoundFuture<T> snapshot(TaskContext snapshot, Future<T> inner) {
        return new BoundFuture<>(inner, snapshot, null, null, null);
    }

    @Override
    public Poll<T> poll(Context cx) {
        TaskContext.Entered entered = context().enter();
        try {
            return inner.poll(cx);
        } finally {
            TaskContext.exit(entered);
        }
    }

    /** A coroutine's cancellation runs its {@code finally} blocks, which may read the values too. */
    @Override
    public void cancel() {
        TaskContext.Entered entered = context().enter();
        try {
            Cancellable.cancel(inner);
        } finally {
            TaskContext.exit(entered);
        }
    }

    private TaskContext context() {
        if (snapshot != null) {
            return snapshot;
        }
        TaskContext parent = TaskContext.current();
        if (built == null || builtOn != parent) {
            builtOn = parent;
            built = binding != null ? parent.with(binding) : parent.with(key, value);
        }
        return built;
    }

    @Override
    public String toString() {
        return inner.toString();
    }

    @Override
    public String describe() {
        return Described.of(inner);
    }

    @Override
    public Object inner() {
        return inner;
    }
}
