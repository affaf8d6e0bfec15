package dev.weft.reactor;

import dev.weft.Waker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread that blocks on a {@link Selector} and a {@link TimerWheel}, and calls the waker
 * registered for each readiness event and each deadline. It never runs user code: wakers only
 * queue tasks on their executors. Not for users; {@code Timer} and {@code dev.weft.net} use it.
 *
 * <p>Other threads talk to it through a lock-free queue of timer entries and small commands, plus
 * {@code selector.wakeup()}. The wakeup is a system call, so it is made only when the reactor
 * said it was about to block ({@code sleeping}) and nobody has woken it since.
 *
 * <pre>
 * reactor loop:  drain queue -> fire due timers -> sleeping = true -> queue empty? select(until next
 *                slot) : selectNow -> sleeping = false -> wake readiness wakers -> repeat
 * other thread:  enqueue -> if sleeping.compareAndSet(true, false) then selector.wakeup()
 * </pre>
 */
public final class Reactor {
    private static final System.Logger LOG = System.getLogger("dev.weft.reactor");
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int DRAIN_BUDGET = 4096;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final class Shared {
        static final Reactor INSTANCE = new Reactor("weft-reactor");
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final TimerWheel wheel = new TimerWheel();
    private final long origin = System.nanoTime();
    private final Thread thread;

    private Reactor(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the reactor's selector", e);
        }
        thread = new Thread(this::run, name + "-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** The runtime's reactor, started on first use. */
    public static Reactor shared() {
        return Shared.INSTANCE;
    }

    Selector selector() {
        return selector;
    }

    /**
     * Timers in the wheel. Only the reactor thread owns the wheel, so call it inside
     * {@link #execute}; tests use it to see that cancelled timers leave the wheel.
     *
     * @throws IllegalStateException on any other thread
     */
    public int timerCount() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("timerCount() is for the reactor thread; call it inside execute()");
        }
        return wheel.size();
    }

    /** Runs {@code r} on the reactor thread after everything queued before it. {@code r} must not block. */
    public void execute(Runnable r) {
        queue.add(r);
        wakeup();
    }

    /** Makes a blocked {@code select} return so the reactor sees new commands or interest changes. */
    void wakeup() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    void addTimer(TimerEntry e, long nanos) {
        // Saturate instead of overflowing: an absurdly long sleep must wait ~292 years, not fire now.
        long deadline = System.nanoTime() - origin + nanos;
        if (deadline < 0) {
            deadline = Long.MAX_VALUE - TICK_NANOS;
        }
        // Round up: a deadline inside tick t is due when tick t+1 begins, so no timer fires early.
        e.deadlineTick = Math.max(1, (deadline + TICK_NANOS - 1) / TICK_NANOS);
        queue.add(e);
        wakeup();
    }

    void removeTimer(TimerEntry e) {
        queue.add(e);
        wakeup();
    }

    /** Nanoseconds from now until {@code tick} begins; negative once it has. */
    long nanosUntil(long tick) {
        return origin + tick * TICK_NANOS - System.nanoTime();
    }

    private long nowTick() {
        return (System.nanoTime() - origin) / TICK_NANOS;
    }

    private void run() {
        for (;;) {
            try {
                turn();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "reactor turn failed; continuing", t);
            }
        }
    }

    private void turn() throws IOException {
        drainQueue();
        long now = nowTick();
        wheel.advance(now, this::fireTimer);

        long next = wheel.nextSlotTick();
        sleeping.set(true);
        if (!queue.isEmpty()) {
            sleeping.set(false);
            selector.selectNow(this::onReady);
            return;
        }
        if (next < 0) {
            selector.select(this::onReady);
        } else {
            long waitNanos = origin + next * TICK_NANOS - System.nanoTime();
            long waitMillis = Math.min((waitNanos + TICK_NANOS - 1) / TICK_NANOS, Integer.MAX_VALUE);
            if (waitMillis <= 0) {
                selector.selectNow(this::onReady);
            } else {
                selector.select(this::onReady, waitMillis);
            }
        }
        sleeping.set(false);
    }

    private void drainQueue() {
        // A budget, so a thread that keeps queueing timers cannot keep due timers from firing.
        Object o;
        for (int budget = DRAIN_BUDGET; budget > 0 && (o = queue.poll()) != null; budget--) {
            if (o instanceof TimerEntry e) {
                int s = e.state();
                if (s == TimerEntry.ARMED && e.slot < 0) {
                    if (!wheel.insert(e, e.deadlineTick)) {
                        fireTimer(e);
                    }
                } else if (s == TimerEntry.DISARMED) {
                    wheel.remove(e);
                }
            } else {
                try {
                    ((Runnable) o).run();
                } catch (Throwable t) {
                    LOG.log(System.Logger.Level.ERROR, "a reactor command threw", t);
                }
            }
        }
    }

    private void fireTimer(TimerEntry e) {
        Waker w = e.fire();
        if (w != null) {
            wake(w);
        }
    }

    private void onReady(SelectionKey key) {
        Object att = key.attachment();
        if (att instanceof IoRegistration reg) {
            reg.onReady(key);
        }
    }

    static void wake(Waker w) {
        try {
            w.wake();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "a waker threw on the reactor thread", t);
        }
    }

    @Override
    public String toString() {
        return "Reactor[" + thread.getName() + "]";
    }
}
