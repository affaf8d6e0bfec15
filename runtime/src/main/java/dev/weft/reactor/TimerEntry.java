package dev.weft.reactor;

import dev.weft.Waker;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One deadline in the reactor's timer wheel. Futures that wait on time (a sleep, a timeout)
 * <em>extend</em> this class rather than point to an entry, so a pending timer costs one object:
 * the future itself. Not for users.
 *
 * <pre>
 * state      event                          next       effect
 * --------   ----------------------------   --------   ---------------------------------------
 * IDLE       arm (any thread)               ARMED      queued for the reactor, which links it
 * ARMED      deadline reached (reactor)     FIRED      unlinked, then the waker is called
 * ARMED      disarm (any thread)            DISARMED   queued again; the reactor unlinks it
 * FIRED      disarm                         FIRED      nothing: too late, disarm answers false
 * DISARMED   reactor drains its queue       DISARMED   unlinked if linked; never fires
 * </pre>
 *
 * <p>The link fields ({@code prev}, {@code next}, {@code slot}, {@code deadlineTick}) are touched
 * only by the reactor thread; {@code state} and {@code waker} cross threads, so they are volatile.
 * The reactor writes FIRED before it reads the waker, and a poller writes its new waker before it
 * reads the state, so a poll that swaps wakers either sees FIRED or has its new waker called.
 */
public abstract class TimerEntry {
    static final int IDLE = 0;
    static final int ARMED = 1;
    static final int FIRED = 2;
    static final int DISARMED = 3;

    private static final VarHandle STATE =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "state", VarHandle.class, TimerEntry.class, int.class);

    // Reactor-thread-only wheel links.
    long deadlineTick;
    TimerEntry prev;
    TimerEntry next;
    int slot = -1; // index into the wheel's slot array while linked, -1 otherwise

    private volatile int state = IDLE;
    private volatile Waker waker;

    protected TimerEntry() {}

    /**
     * Starts the timer: it fires {@code nanos} from now (never earlier, about a millisecond later at
     * most on an idle reactor) and then calls the waker. Call at most once.
     *
     * @throws IllegalStateException if the entry was armed before
     */
    protected final void arm(Reactor reactor, long nanos, Waker waker) {
        if (!STATE.compareAndSet(this, IDLE, ARMED)) {
            throw new IllegalStateException("timer armed twice");
        }
        // Safe after the CAS: the reactor cannot fire the entry before addTimer queues it.
        this.waker = waker;
        reactor.addTimer(this, nanos);
    }

    /** Whether the entry was armed (whatever happened since). */
    protected final boolean isArmed() {
        return state != IDLE;
    }

    /** Whether {@link #disarm} stopped the entry before it fired. */
    protected final boolean isDisarmed() {
        return state == DISARMED;
    }

    /** Whether the deadline passed and the reactor fired this entry. */
    protected final boolean isFired() {
        return state == FIRED;
    }

    /**
     * Replaces the waker the reactor will call, for a re-poll from another task.
     *
     * @return true if the entry already fired (the new waker may then never be called)
     */
    protected final boolean updateWaker(Waker w) {
        if (waker != w) {
            waker = w;
        }
        return state == FIRED;
    }

    /**
     * Stops an armed timer and lets the reactor drop it from the wheel.
     *
     * @return true if this call stopped the timer before it fired
     */
    protected final boolean disarm(Reactor reactor) {
        if (STATE.compareAndSet(this, ARMED, DISARMED)) {
            waker = null;
            reactor.removeTimer(this);
            return true;
        }
        if (STATE.compareAndSet(this, IDLE, DISARMED)) {
            return true; // never armed: nothing to unlink
        }
        return false;
    }

    /**
     * Nanoseconds from now to the deadline as the wheel keeps it (rounded up to its tick), negative
     * once past; read racily, for task dumps. Meaningful only once armed.
     */
    protected final long nanosToDeadline(Reactor reactor) {
        return reactor.nanosUntil(deadlineTick);
    }

    final int state() {
        return state;
    }

    /** Reactor thread: marks the entry fired and returns the waker to call, or null if disarmed meanwhile. */
    final Waker fire() {
        if (STATE.compareAndSet(this, ARMED, FIRED)) {
            Waker w = waker;
            waker = null;
            return w;
        }
        return null;
    }
}
