package dev.weft;

/**
 * A future polled, and cancelled, inside a {@link TaskContext}: each poll enters the context on
 * whatever thread runs it and leaves it afterwards, so the values follow the future across awaits
 * and worker threads, and nothing is left behind on the thread.
 */
final class BoundFuture<T> implements Future<T>, Cancellable {
    private final TaskContext context;
    private final Future<T> inner;

    BoundFuture(TaskContext context, Future<T> inner) {
        this.context = context;
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        TaskContext.Entered entered = context.enter();
        try {
            return inner.poll(cx);
        } finally {
            TaskContext.exit(entered);
        }
    }

    /** A coroutine's cancellation runs its {@code finally} blocks, which may read the values too. */
    @Override
    public void cancel() {
        TaskContext.Entered entered = context.enter();
        try {
            Cancellable.cancel(inner);
        } finally {
            TaskContext.exit(entered);
        }
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
