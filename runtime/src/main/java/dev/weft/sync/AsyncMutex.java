package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Future;
import java.util.function.Supplier;

/**
 * Mutual exclusion for tasks: waiting for the lock suspends the task instead of blocking its
 * thread, so the lock may be held across awaits. Not reentrant: a task that holds it and asks again
 * waits forever. Waiters get the lock in the order they started waiting.
 *
 * <pre>{@code
 * AsyncMutex mutex = new AsyncMutex();
 *
 * Future<Void> deposit(long amount) {     // woven coroutine
 *     await(mutex.lock());
 *     try {
 *         long balance = await(store.read());
 *         await(store.write(balance + amount));
 *     } finally {
 *         mutex.unlock();
 *     }
 *     return ready(null);
 * }
 *
 * // or, without writing the try/finally:
 * Future<Void> d = mutex.withLock(() -> depositBody(amount));
 * }</pre>
 *
 * <p>A {@link #lock()} future is {@link Cancellable}: a waiter cancelled before it saw the lock
 * passes it on rather than keeping it. Cancelling a task suspended while it holds the lock makes
 * its pending await throw {@code CancellationException}, so the {@code finally} above runs and
 * unlocks; {@link #withLock} unlocks on cancellation too.
 *
 * <p>The lock is not tied to a thread or task: any code may {@link #unlock()} it, which is what
 * lets a task resume on another thread while holding it.
 */
public final class AsyncMutex {
    private final Semaphore permit = new Semaphore(1, 1);

    /** A future that is ready once the caller holds the lock. */
    public Future<Void> lock() {
        return permit.acquire();
    }

    /** Takes the lock now if it is free and no one waits. */
    public boolean tryLock() {
        return permit.tryAcquire();
    }

    /**
     * Releases the lock; the longest waiter gets it.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void unlock() {
        try {
            permit.release();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("unlock of an AsyncMutex that is not locked");
        }
    }

    /** Whether someone holds the lock (or it was granted to a waiter not yet polled). */
    public boolean isLocked() {
        return permit.availablePermits() == 0;
    }

    /**
     * Runs the future {@code body} makes while holding the lock. The lock is released when the body
     * finishes, fails, or this future is cancelled (which also cancels the body).
     */
    public <T> Future<T> withLock(Supplier<? extends Future<T>> body) {
        return permit.withPermit(body);
    }
}
