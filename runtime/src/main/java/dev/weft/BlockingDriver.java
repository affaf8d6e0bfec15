package dev.weft;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one future on the calling thread for {@link Async#blockOn}.
 *
 * <p>A wake sets {@code notified} before unparking. The thread parks only while the flag is clear,
 * so a wake is never lost even when the future's own poll consumes the thread's park permit (by
 * taking a lock, say) between registering the waker and returning Pending.
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
        Context cx = Context.of(this);
        for (;;) {
            Poll<T> poll = future.poll(cx);
            if (poll.isReady()) {
                return poll.value();
            }
            while (!notified.compareAndSet(true, false)) {
                LockSupport.park(this);
            }
        }
    }
}
