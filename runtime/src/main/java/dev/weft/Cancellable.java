package dev.weft;

/**
 * A future that holds a resource while it waits (a timer, I/O interest, a channel slot, a place in
 * a lock's queue) and can give it back when its owner stops waiting.
 *
 * <p>Java has no destructor that runs when a future is dropped, so whoever drops a future that is
 * not finished calls {@link #cancel()} instead: {@link JoinHandle#cancel()} does it for the future
 * its task was suspended on, a race does it for its losers, a woven coroutine does it for the
 * future it is awaiting.
 *
 * <p>The contract:
 * <ul>
 *   <li>{@code cancel} is called by the future's owner, the party that polls it, and never
 *       concurrently with {@code poll}. It may be called from any thread.</li>
 *   <li>It is idempotent, and harmless after the future completed.</li>
 *   <li>After {@code cancel} the future is never polled again. It must release what it holds, and
 *       must not lose what it was about to hand over: a lock or permit granted to a waiter that was
 *       cancelled before it saw the grant goes to the next waiter; a channel element handed to a
 *       cancelled receiver goes back to the channel.</li>
 *   <li>It does not throw.</li>
 * </ul>
 *
 * <pre>{@code
 * Future<Void> acquire = semaphore.acquire();
 * if (acquire.poll(cx).isPending()) {
 *     // changed our mind: leave the queue without taking (or leaking) a permit
 *     ((Cancellable) acquire).cancel();
 * }
 * }</pre>
 *
 * <p>A {@link JoinHandle} is not {@code Cancellable}: like Rust's, dropping a handle detaches the
 * task rather than stopping it. Call {@link JoinHandle#cancel()} to stop a task; {@link Join},
 * {@link Select}, {@link FutureSet} and {@link Scope}, which own the futures they are given, call it
 * for every handle they stop waiting for.
 */
public interface Cancellable {
    /** Stops waiting and releases what this future holds; see the class contract. */
    void cancel();

    /** Cancels {@code future} if it is {@code Cancellable}; otherwise it is simply never polled again. */
    static void cancel(Object future) {
        if (future instanceof Cancellable c) {
            c.cancel();
        }
    }
}
