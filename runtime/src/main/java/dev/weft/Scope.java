package dev.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Structured concurrency: tasks spawned in a scope are its children, and the scope's future does
 * not finish before all of them have.
 *
 * <pre>{@code
 * Future<Page> render(long userId) {
 *     return Scope.run(scope -> renderWith(scope, userId));
 * }
 *
 * Future<Page> renderWith(Scope scope, long userId) {
 *     JoinHandle<User> user = scope.spawn("load-user", loadUser(userId));
 *     JoinHandle<List<Order>> orders = scope.spawn("load-orders", loadOrders(userId));
 *     return ready(new Page(await(user), await(orders)));
 * }
 * }</pre>
 *
 * <p>The rules, the same as Kotlin's {@code coroutineScope} and JDK 25's {@code StructuredTaskScope}
 * with its default joiner:
 * <ul>
 *   <li>The scope's future completes when the body's future and every child have finished, with
 *       the body's output.</li>
 *   <li>The first failure, of the body or of a child, cancels the body and every other child, and
 *       becomes the scope's failure once they have all finished; failures that come after are
 *       added to it as {@linkplain Throwable#addSuppressed suppressed}. A child that ends with
 *       {@link java.util.concurrent.CancellationException} (cancelled by its handle, or by the
 *       scope) is not a failure.</li>
 *   <li>Cancelling the scope's future (for instance by cancelling the task that awaits it) cancels
 *       the body and every child at once. A child in the middle of a poll on another thread ends
 *       when that poll returns; it is never polled again.</li>
 *   <li>A child never outlives its scope: {@link #spawn} after the scope finished is refused, and
 *       one during its cancellation yields a child that is cancelled at once.</li>
 * </ul>
 *
 * <p>Children run as tasks on the executor of the task that polls the scope (the default executor
 * outside any task), in parallel with the body. They inherit the {@link TaskLocal} values and
 * {@link ThreadBinding}s in effect where {@code spawn} is called. The scope reads every child's
 * outcome, so a failed child is never reported as an unobserved failure.
 */
public final class Scope {
    private final List<JoinHandle<?>> spawned = new ArrayList<>(); // guarded by this
    private boolean cancelling; // guarded by this
    private boolean closed; // guarded by this
    private volatile Waker owner;
    private volatile Thread ownerThread;

    Scope() {}

    /**
     * A future that calls {@code body} with a new scope at its first poll and finishes when the
     * future it returns and every child spawned in the scope have finished; see the class rules.
     */
    public static <T> Future<T> run(Function<? super Scope, ? extends Future<T>> body) {
        return new ScopeRun<>(Objects.requireNonNull(body, "body"));
    }

    /** Starts {@code child} as a task of this scope; see {@link #spawn(String, Future)}. */
    public <T> JoinHandle<T> spawn(Future<T> child) {
        return spawn(null, child);
    }

    /**
     * Starts {@code child} as a task of this scope, named {@code name} in its handle's
     * {@code toString()}. May be called from the body or from any task while the scope runs.
     *
     * @throws IllegalStateException if the scope has finished or was cancelled
     */
    public <T> JoinHandle<T> spawn(String name, Future<T> child) {
        Future<T> inheriting = TaskContext.current().carry(Objects.requireNonNull(child, "child"));
        JoinHandle<T> handle;
        boolean cancelNow;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("spawn in a scope that has finished");
            }
            handle = name == null ? Async.spawn(inheriting) : Async.spawn(name, inheriting);
            spawned.add(handle);
            cancelNow = cancelling;
        }
        if (cancelNow) {
            handle.cancel();
        }
        Waker w = owner;
        if (w != null && Thread.currentThread() != ownerThread) {
            w.wake(); // the owner picks the child up in its next poll
        }
        return handle;
    }

    /** Called by the owner at the start and end of each poll. */
    void ownerPolling(Waker waker, boolean polling) {
        owner = waker;
        ownerThread = polling ? Thread.currentThread() : null;
    }

    /** The children spawned since the last call; the owner watches them from now on. */
    synchronized List<JoinHandle<?>> takeSpawned() {
        if (spawned.isEmpty()) {
            return List.of();
        }
        List<JoinHandle<?>> taken = new ArrayList<>(spawned);
        spawned.clear();
        return taken;
    }

    /** From now on a new child is cancelled as soon as it is spawned. */
    synchronized void startCancelling() {
        cancelling = true;
    }

    /** Closes the scope if no child is waiting to be taken; true if it closed. */
    synchronized boolean closeIfQuiet() {
        if (!spawned.isEmpty()) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Refuses further spawns and returns the children not yet taken. */
    synchronized List<JoinHandle<?>> close() {
        closed = true;
        cancelling = true;
        List<JoinHandle<?>> taken = new ArrayList<>(spawned);
        spawned.clear();
        return taken;
    }
}
