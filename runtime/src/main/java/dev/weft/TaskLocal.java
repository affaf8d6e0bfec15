package dev.weft;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A value bound for the duration of a future, seen by everything that future runs, across its
 * awaits and on whichever thread polls it: the task-side counterpart of a {@code ThreadLocal},
 * like JDK 25's {@code ScopedValue}, Kotlin's context elements or Tokio's {@code task_local!}.
 *
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>("requestId");
 *
 * Future<Void> serve(TcpStream client) {
 *     return REQUEST_ID.with(UUID.randomUUID().toString(), handle(client));
 * }
 *
 * Future<Void> handle(TcpStream client) {
 *     int n = await(client.read(buffer));
 *     log(REQUEST_ID.get() + ": read " + n); // the id bound by serve, on whatever worker resumed us
 *     ...
 * }
 * }</pre>
 *
 * <p>Bindings are immutable and nest: an inner {@link #with} hides the outer value for the inner
 * future only. Children spawned by {@link Scope#spawn} inherit the bindings in effect where they
 * are spawned; a detached {@link Async#spawn} starts with none, as a thread does with a
 * {@code ScopedValue}, because it may outlive the code that bound them.
 *
 * @param <T> the value's type
 */
public final class TaskLocal<T> {
    private final String name;

    /** A task-local named {@code name} in messages. */
    public TaskLocal(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * {@code future} with this task-local bound to {@code value} during each of its polls (and its
     * cancellation), on top of whatever is bound where it is polled.
     */
    public <R> Future<R> with(T value, Future<R> future) {
        return BoundFuture.value(this, value, Objects.requireNonNull(future, "future"));
    }

    /**
     * The value bound by the innermost {@link #with} around the future being polled.
     *
     * @throws NoSuchElementException if none is
     */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) TaskContext.current().get(this);
    }

    /** The bound value, or {@code other} if none is. */
    public T orElse(T other) {
        TaskContext cx = TaskContext.current();
        return cx.isBound(this) ? get() : other;
    }

    public boolean isBound() {
        return TaskContext.current().isBound(this);
    }

    @Override
    public String toString() {
        return "TaskLocal[" + name + "]";
    }
}
