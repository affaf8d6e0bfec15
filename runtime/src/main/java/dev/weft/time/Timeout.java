package dev.weft.time;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.TimerEntry;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The future behind {@link Timer#timeout}: polls the inner future first, so an inner future that is
 * ready wins even when the deadline has also passed. Like {@link Sleep} it is its own timer entry
 * and starts the clock at its first poll.
 *
 * <pre>
 * state        event                               next        effect
 * ----------   ---------------------------------   ---------   -------------------------------
 * unarmed      poll, inner pending                 armed       timer queued with the same waker
 * any live     poll, inner ready or throws         done        timer disarmed; value/failure out
 * armed        poll, inner pending, timer fired    done        inner cancelled; TimeoutException
 * any live     cancel                              cancelled   timer disarmed, inner cancelled
 * done         poll                                done        IllegalStateException
 * cancelled    poll                                cancelled   CancellationException
 * </pre>
 */
final class Timeout<T> extends TimerEntry implements Future<T>, UnboxedPoll, Cancellable, Described {
    private final Duration limit;
    private Future<T> inner; // null once done or cancelled

    Timeout(Future<T> inner, Duration limit) {
        this.inner = inner;
        this.limit = limit;
    }

    @Override
    public Poll<T> poll(Context cx) {
        return UnboxedPoll.boxed(pollUnboxed(cx));
    }

    @Override
    public Object pollUnboxed(Context cx) {
        Future<T> f = inner;
        if (f == null) {
            if (isDisarmed()) {
                throw new CancellationException("timeout was cancelled");
            }
            throw new IllegalStateException("timeout polled after it completed");
        }
        Object p;
        try {
            p = UnboxedPoll.pollOf(f, cx);
        } catch (Throwable t) {
            finish();
            throw t;
        }
        if (p != Coroutine.SUSPENDED) {
            finish();
            return p;
        }
        boolean expired;
        if (!isArmed()) {
            long nanos = limit.toNanos();
            expired = nanos <= 0;
            if (!expired) {
                arm(Reactor.shared(), nanos, cx.waker());
            }
        } else {
            expired = updateWaker(cx.waker());
        }
        if (!expired) {
            return Coroutine.SUSPENDED;
        }
        inner = null;
        cancelInner(f);
        throw new TimeoutException(limit);
    }

    private void finish() {
        inner = null;
        disarm(Reactor.shared());
    }

    /** Cancels the inner future and the timer. */
    @Override
    public void cancel() {
        release();
    }

    /** Releases both timers; true if this call stopped a timeout still running. */
    boolean release() {
        Future<T> f = inner;
        inner = null;
        boolean stopped = disarm(Reactor.shared());
        if (f != null) {
            cancelInner(f);
        }
        return stopped && f != null;
    }

    private static void cancelInner(Future<?> f) {
        if (f instanceof JoinHandle<?> h) {
            h.cancel();
        } else {
            Cancellable.cancel(f);
        }
    }

    @Override
    public String describe() {
        String what = "timer: timeout " + Deadlines.millis(limit.toNanos());
        if (isArmed() && !isFired() && !isDisarmed()) {
            what += ", " + Deadlines.describe(nanosToDeadline(Reactor.shared()));
        }
        return what + ", over " + Described.of(inner);
    }

    @Override
    public String toString() {
        return "Timeout[" + limit + ", " + inner + "]";
    }
}
