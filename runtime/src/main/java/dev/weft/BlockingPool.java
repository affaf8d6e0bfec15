package dev.weft;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads {@link Blocking} runs calls on, apart from every executor's workers. It starts a
 * thread only when a call arrives and no thread is idle, up to {@code maxThreads}; beyond that,
 * calls wait in one FIFO queue. A thread idle for {@code keepAlive} ends.
 *
 * <pre>
 * thread state   event                          next      effect
 * ------------   ----------------------------   -------   ------------------------------------
 * (none)         submit, none idle, below max   busy      thread started with the call
 * busy           call returns, queue has one    busy      runs the queue's oldest call
 * busy           call returns, queue empty      idle      pushed on the idle stack
 * idle           submit                         busy      popped (the newest idle first), call
 *                                                         handed over
 * idle           keepAlive passes               (none)    leaves the idle stack, thread ends
 * </pre>
 *
 * <p>The newest idle thread takes the next call, so under a light load the same few threads stay
 * warm and the rest retire.
 */
final class BlockingPool {
    static final String MAX_THREADS_PROPERTY = "weft.blocking.maxThreads";
    static final String KEEP_ALIVE_PROPERTY = "weft.blocking.keepAliveMillis";
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private static final class Shared {
        static final BlockingPool INSTANCE = new BlockingPool(
                Math.max(1, Integer.getInteger(MAX_THREADS_PROPERTY, 64)),
                Duration.ofMillis(Math.max(1, Long.getLong(KEEP_ALIVE_PROPERTY, 10_000))));
    }

    /** An idle thread, waiting for the call a submitter hands it. */
    private final class Idle {
        final Condition handedOver = lock.newCondition();
        Runnable call;
    }

    private final int maxThreads;
    private final long keepAliveNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final ArrayDeque<Idle> idle = new ArrayDeque<>();
    private int threads;

    BlockingPool(int maxThreads, Duration keepAlive) {
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    static BlockingPool shared() {
        return Shared.INSTANCE;
    }

    int maxThreads() {
        return maxThreads;
    }

    void submit(Runnable call) {
        lock.lock();
        try {
            Idle waiting = idle.pollFirst();
            if (waiting != null) {
                waiting.call = call;
                waiting.handedOver.signal();
            } else if (threads < maxThreads) {
                threads++;
                start(call);
            } else {
                queue.addLast(call);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a call that has not started out of the queue; true if it was there. */
    boolean remove(Runnable call) {
        lock.lock();
        try {
            return queue.remove(call);
        } finally {
            lock.unlock();
        }
    }

    /** Threads alive now, busy or idle. */
    int threads() {
        lock.lock();
        try {
            return threads;
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for a thread. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void start(Runnable first) {
        Thread t = new Thread(() -> work(first), "weft-blocking-" + THREAD_IDS.incrementAndGet());
        t.setDaemon(true);
        try {
            t.start();
        } catch (Throwable e) {
            threads--;
            throw e;
        }
    }

    private void work(Runnable first) {
        for (Runnable call = first; call != null; call = next()) {
            try {
                call.run();
            } catch (Throwable t) {
                // BlockingCall keeps its call's failure for await; anything else must not end the thread.
                System.getLogger("dev.weft").log(System.Logger.Level.ERROR, "a blocking call escaped its future", t);
            }
        }
    }

    /** The next call for this thread, or null when it has been idle for keepAlive and ends. */
    private Runnable next() {
        lock.lock();
        try {
            Runnable queued = queue.pollFirst();
            if (queued != null) {
                return queued;
            }
            Idle me = new Idle();
            idle.addFirst(me);
            long nanos = keepAliveNanos;
            long deadline = System.nanoTime() + keepAliveNanos;
            while (me.call == null && nanos > 0) {
                try {
                    nanos = me.handedOver.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    // Cancels interrupt only a thread running their call; an idle one stays idle.
                    nanos = deadline - System.nanoTime();
                }
            }
            if (me.call == null) {
                idle.remove(me);
                threads--;
            }
            return me.call;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "BlockingPool[" + threads() + " of " + maxThreads + " threads, " + queued() + " queued]";
    }
}
