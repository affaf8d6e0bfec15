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
final class BlockingDriver implements Waker {
    private final Thread thread = Thread.currentThread();
    private final AtomicBoolean notified = new AtomicBoolean();

    @Override
    public void wake() {
        if (notified.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    <T> T drive(Future<T> future) {
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
                    LockSupport.park(this);
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
}
