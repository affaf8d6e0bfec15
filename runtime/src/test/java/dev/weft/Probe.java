package dev.weft;

import dev.weft.rethrow.Throw;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test future that stays pending until the test completes or fails it, and records its polls and
 * cancels. Completion may come from any thread.
 */
public final class Probe<T> implements Future<T>, Cancellable {
    public final AtomicInteger polls = new AtomicInteger();
    public final AtomicInteger cancels = new AtomicInteger();
    private volatile Waker waker;
    private volatile boolean done;
    private volatile T value;
    private volatile Throwable failure;

    @Override
    public Poll<T> poll(Context cx) {
        if (cancels.get() > 0) {
            throw new AssertionError("polled after cancel");
        }
        polls.incrementAndGet();
        waker = cx.waker();
        if (!done) {
            return Poll.pending();
        }
        if (failure != null) {
            throw Throw.unchecked(failure);
        }
        return Poll.ready(value);
    }

    @Override
    public void cancel() {
        cancels.incrementAndGet();
    }

    public boolean cancelled() {
        return cancels.get() > 0;
    }

    public void complete(T v) {
        value = v;
        done = true;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    public void fail(Throwable t) {
        failure = t;
        done = true;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}
