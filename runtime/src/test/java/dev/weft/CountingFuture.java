package dev.weft;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test future that stays pending until {@link #complete} and records how it was polled: how many
 * times, and whether two polls ever overlapped.
 */
public final class CountingFuture<T> implements Future<T> {
    public final AtomicInteger polls = new AtomicInteger();
    public final AtomicBoolean overlapped = new AtomicBoolean();
    private final AtomicBoolean inPoll = new AtomicBoolean();
    private volatile Waker waker;
    private volatile boolean done;
    private volatile T value;
    private volatile Consumer<Waker> duringPoll = w -> {};

    @Override
    public Poll<T> poll(Context cx) {
        if (!inPoll.compareAndSet(false, true)) {
            overlapped.set(true);
        }
        try {
            polls.incrementAndGet();
            waker = cx.waker();
            duringPoll.accept(cx.waker());
            return done ? Poll.ready(value) : Poll.pending();
        } finally {
            inPoll.set(false);
        }
    }

    public void duringPoll(Consumer<Waker> action) {
        this.duringPoll = action;
    }

    public Waker waker() {
        return waker;
    }

    public void complete(T v) {
        value = v;
        done = true;
        waker.wake();
    }
}
