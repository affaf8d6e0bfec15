package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.concurrent.CancellationException;

/**
 * The future of one {@link Blocking} call: submitted to the pool at its first poll, completed by
 * the pool thread that ran it, which then wakes the last waker that polled it.
 *
 * <pre>
 * state       event                          next        effect
 * ---------   ----------------------------   ---------   ---------------------------------------
 * NEW         poll                           QUEUED      submitted to the pool; Pending
 * QUEUED      a pool thread takes it         RUNNING     the call runs on that thread
 * RUNNING     the call returns or throws     DONE        outcome kept, waker woken
 * QUEUED      cancel                         CANCELLED   taken out of the queue, never runs
 * RUNNING     cancel                         CANCELLED   the thread is interrupted (unless
 *                                                        uninterruptible); its outcome is dropped
 * NEW         cancel                         CANCELLED   never runs
 * DONE        poll                           DONE        the outcome again (value, or the failure)
 * CANCELLED   poll                           CANCELLED   CancellationException
 * </pre>
 *
 * <p>A cancel interrupts the runner only while it runs this call, under this object's lock, and
 * the runner clears its interrupt status under the same lock when the call ends, so an interrupt
 * meant for one call never reaches the next call on that thread.
 */
final class BlockingCall<T, X extends Exception> implements FallibleFuture<T, X>, Cancellable, Runnable {
    private static final int NEW = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;
    private static final int CANCELLED = 4;

    private final Blocking.Call<T, X> call;
    private final BlockingPool pool;
    private final boolean interruptOnCancel;
    private volatile int state = NEW;
    private volatile Waker waker;
    private Thread runner; // guarded by this
    private T value; // published by the volatile write of DONE
    private Throwable failure;

    BlockingCall(Blocking.Call<T, X> call, BlockingPool pool, boolean interruptOnCancel) {
        this.call = call;
        this.pool = pool;
        this.interruptOnCancel = interruptOnCancel;
    }

    @Override
    public Poll<T> poll(Context cx) {
        int s = state;
        if (s == DONE) {
            return outcome();
        }
        if (s == CANCELLED) {
            throw new CancellationException(this + " was cancelled");
        }
        // The waker is written before state is read again, and the runner writes DONE before it
        // reads the waker: either this poll sees DONE or the runner wakes this waker.
        waker = cx.waker();
        if (s == NEW) {
            state = QUEUED;
            pool.submit(this);
        }
        return state == DONE ? outcome() : Poll.pending();
    }

    private Poll<T> outcome() {
        if (failure != null) {
            throw Throw.unchecked(failure);
        }
        return Poll.ready(value);
    }

    @Override
    public void run() {
        synchronized (this) {
            if (state != QUEUED) {
                return;
            }
            state = RUNNING;
            runner = Thread.currentThread();
        }
        T v = null;
        Throwable f = null;
        try {
            v = call.call();
        } catch (Throwable t) {
            f = t;
        }
        boolean done;
        synchronized (this) {
            runner = null;
            Thread.interrupted();
            done = state == RUNNING;
            if (done) {
                value = v;
                failure = f;
                state = DONE;
            }
        }
        Waker w = waker;
        if (done && w != null) {
            w.wake();
        }
    }

    @Override
    public void cancel() {
        Thread interrupt = null;
        synchronized (this) {
            int s = state;
            if (s == DONE || s == CANCELLED) {
                return;
            }
            state = CANCELLED;
            if (s == QUEUED) {
                pool.remove(this);
            } else if (s == RUNNING && interruptOnCancel) {
                interrupt = runner;
            }
            if (interrupt != null) {
                interrupt.interrupt();
            }
        }
    }

    @Override
    public String toString() {
        String[] names = {"new", "queued", "running", "done", "cancelled"};
        return "Blocking[" + names[state] + ", " + call + "]";
    }
}
