package dev.weft;

import java.util.Objects;

/**
 * Runs blocking code (JDBC, a legacy client, a file API, {@code Thread.sleep}) on threads of its
 * own, so that it does not stall the executor's workers or the reactor: the task awaits the
 * result while its worker runs other tasks.
 *
 * <pre>{@code
 * Future<List<Order>> orders(DataSource db, long userId) {
 *     List<Order> found = await(Blocking.call(() -> loadOrders(db, userId)));  // throws SQLException
 *     return ready(found);
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Daemon threads named {@code weft-blocking-N}, started as calls arrive and
 * none is idle, at most {@value #DEFAULT_MAX_THREADS} by default (the system property
 * {@code weft.blocking.maxThreads}, read once, changes it). Beyond that, calls wait in one queue
 * and start in the order they were first polled. A thread idle for 10 seconds ends
 * ({@code weft.blocking.keepAliveMillis}). The limit bounds threads, not work: a queue of calls
 * that never return keeps the ones behind them waiting, so give a call that may hang its own
 * timeout (a JDBC query timeout, a socket timeout).
 *
 * <p><b>Laziness and failures.</b> As every Weft future, the call starts at the first poll, not
 * when {@code call} is called. What the call throws, checked or not, is thrown from {@code await}
 * unchanged; the future's type names the checked exception the lambda throws, so javac makes the
 * caller handle it.
 *
 * <p><b>Cancellation.</b> Cancelling the future (a {@link JoinHandle#cancel()} of the task
 * awaiting it, {@code Timer.timeout}, a losing {@code Select} branch) takes a call that has not
 * started out of the queue, and interrupts the thread of one that is running; its outcome is
 * dropped. The call ends when it notices the interrupt: {@code Thread.sleep}, {@code wait},
 * {@code BlockingQueue.take} and interruptible channels do, a blocking {@code java.net.Socket}
 * read does not. Use {@link #callUninterruptibly} for code that an interrupt would break.
 */
public final class Blocking {
    /** Threads the pool starts at most unless {@code weft.blocking.maxThreads} says otherwise. */
    public static final int DEFAULT_MAX_THREADS = 64;

    private Blocking() {}

    /**
     * A blocking call that may fail with {@code X}.
     *
     * @param <T> what it returns
     * @param <X> the checked exception it may throw
     */
    @FunctionalInterface
    public interface Call<T, X extends Exception> {
        T call() throws X;
    }

    /**
     * A future that runs {@code call} on a blocking thread when first polled and completes with
     * what it returns, or fails with what it throws. Cancelling it interrupts a running call.
     *
     * <pre>{@code
     * byte[] bytes = await(Blocking.call(() -> Files.readAllBytes(path)));   // throws IOException
     * }</pre>
     */
    public static <T, X extends Exception> FallibleFuture<T, X> call(Call<T, X> call) {
        return new BlockingCall<>(Objects.requireNonNull(call, "call"), BlockingPool.shared(), true);
    }

    /**
     * Like {@link #call}, except that cancelling a running call does not interrupt it: the future
     * stops waiting and the call runs to its end, its outcome dropped. For code that an interrupt
     * would break, such as a {@code FileChannel}, which closes itself when its thread is
     * interrupted.
     *
     * <pre>{@code
     * int n = await(Blocking.callUninterruptibly(() -> channel.read(buf, position)));
     * }</pre>
     */
    public static <T, X extends Exception> FallibleFuture<T, X> callUninterruptibly(Call<T, X> call) {
        return new BlockingCall<>(Objects.requireNonNull(call, "call"), BlockingPool.shared(), false);
    }

    /** The most threads the pool runs at once ({@code weft.blocking.maxThreads}, read at first use). */
    public static int maxThreads() {
        return BlockingPool.shared().maxThreads();
    }
}
