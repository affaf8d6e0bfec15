package dev.weft;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one future on the calling thread for {@link Async#blockOn}.
 *
 * <p>A wake sets {@code notified} before unparking. The thread parks only while the flag is clear,
 * so a wake is never lost even when the future's own poll consumes the thread's park permit (by
 * taking a lock, say) between registering the waker and returning Pending.
 *
 * <p>An interrupt is set aside while the thread parks (a pending interrupt would make every park
 * return at once) and set again when the drive ends; polls after it run with the status clear.
 */
final class BlockingDriver implements Waker, Described {
    private final Thread thread = Thread.currentThread();
    private final AtomicBoolean notified = new AtomicBoolean();

    @Override
    public void wake() {
        if (notified.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    <T> T drive(Future<T> future) {
        return drive(future, -1);
    }

    /**
     * Drives {@code future} for at most {@code timeoutNanos} (no limit if negative); on timeout
     * throws {@link StuckException} with a task dump, then cancels the future.
     */
    <T> T drive(Future<T> future, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            Context cx = Context.of(this);
            for (;;) {
                Poll<T> poll = future.poll(cx);
                if (poll == null) {
                    throw new IllegalStateException(future.getClass().getName()
                            + ".poll returned null; a poll answers Poll.ready(value) or Poll.pending()");
                }
                if (poll.isReady()) {
                    return poll.value();
                }
                while (!notified.compareAndSet(true, false)) {
                    if (timeoutNanos < 0) {
                        LockSupport.park(this);
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw stuck(future, timeoutNanos);
                        }
                        LockSupport.parkNanos(this, left);
                    }
                    // a pending interrupt makes park return at once: set it aside, or this loop spins
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                thread.interrupt();
            }
        }
    }

    /** The dump is taken before the future is cancelled, so it shows the future where it stuck. */
    private StuckException stuck(Future<?> future, long timeoutNanos) {
        TaskDump.Entry blocked = InstalledScheduler.PROVIDER.blockedOn(future, thread.getName());
        TaskDump dump = TaskDump.capture();
        StuckException e = new StuckException("Async.blockOn gave up after " + timeoutNanos / 1_000_000
                + " ms: the future is still pending; it was cancelled after this dump\n\n" + blocked + "\n" + dump, dump);
        Cancellable.cancel(future);
        return e;
    }

    @Override
    public String describe() {
        return "thread " + thread.getName() + " in Async.blockOn";
    }
}
