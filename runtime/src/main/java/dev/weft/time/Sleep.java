package dev.weft.time;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.TimerEntry;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.util.concurrent.CancellationException;

/**
 * The future behind {@link Timer#sleep}. It is its own timer-wheel entry, so a pending sleep is
 * one object. The deadline is taken at the first poll, not at creation: futures are lazy.
 *
 * <pre>
 * state                event            next                 effect
 * ------------------   --------------   ------------------   ----------------------------------
 * unarmed              poll (d &gt; 0)     armed                deadline = now + d, timer queued
 * unarmed              poll (d &lt;= 0)    ready                no timer at all
 * armed                poll             armed or ready       waker replaced; ready once fired
 * armed                timer fires      fired                waker called by the reactor
 * unarmed/armed        cancel           cancelled            timer leaves the wheel
 * cancelled            poll             cancelled            throws CancellationException
 * </pre>
 */
final class Sleep extends TimerEntry implements Future<Void>, UnboxedPoll, Cancellable, Described {
    private final long nanos;

    Sleep(long nanos) {
        this.nanos = nanos;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        return UnboxedPoll.boxed(pollUnboxed(cx));
    }

    @Override
    public Object pollUnboxed(Context cx) {
        if (isDisarmed()) {
            throw new CancellationException("sleep was cancelled");
        }
        if (!isArmed()) {
            if (nanos <= 0) {
                return null;
            }
            arm(Reactor.shared(), nanos, cx.waker());
            return Coroutine.SUSPENDED;
        }
        return updateWaker(cx.waker()) ? null : Coroutine.SUSPENDED;
    }

    /**
     * Removes the timer from the wheel so a sleep nobody awaits any more costs nothing.
     *
     * @return true if the sleep had not fired yet
     */
    @Override
    public void cancel() {
        release();
    }

    /** Releases the timer; true if it had not fired or been released yet. */
    boolean release() {
        return disarm(Reactor.shared());
    }

    @Override
    public String describe() {
        String what = "timer: sleep " + Deadlines.millis(nanos);
        if (isFired()) {
            return what + ", fired";
        }
        return isArmed() ? what + ", " + Deadlines.describe(nanosToDeadline(Reactor.shared())) : what + ", not started";
    }

    @Override
    public String toString() {
        return "Sleep[" + nanos + " ns" + (isFired() ? ", fired" : "") + "]";
    }
}
