package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Permits handed out in FIFO order to tasks that wait for them without blocking a thread.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(8);
 *
 * Future<Page> fetch(Url u) {                     // woven coroutine
 *     await(connections.acquire());
 *     try {
 *         return ready(await(http.get(u)));
 *     } finally {
 *         connections.release();
 *     }
 * }
 *
 * // or, when the task may be cancelled while it holds the permit:
 * Future<Page> page = connections.withPermit(() -> http.get(u));
 * }</pre>
 *
 * <p><b>Fairness.</b> Waiters are served strictly in the order they started waiting: a waiter that
 * needs more permits than are free holds back the ones behind it, and {@link #tryAcquire} does not
 * jump the queue.
 *
 * <p><b>Cancellation.</b> An {@link #acquire} future is {@link Cancellable}. Cancelled while
 * waiting, it leaves the queue (and the waiters it held back may go). Cancelled after permits were
 * granted to it but before it saw them, it gives them back. Once its poll answered ready the caller
 * owns the permits and must release them. In a woven coroutine the {@code try/finally} above is
 * enough: cancelling the task makes its pending {@code await} throw
 * {@code CancellationException}, so the {@code finally} runs and releases. {@link #withPermit}
 * does the same for a body that is not a coroutine (a hand-written future or a combinator): it
 * releases when the body completes, fails or is cancelled.
 */
public final class Semaphore {
    private final Object lock = new Object();
    private final long maxPermits;
    private long permits;                                      // guarded by lock
    private final ArrayDeque<Acquire> waiters = new ArrayDeque<>(); // guarded by lock
    private Waker holder; // guarded by lock; an AsyncMutex's holder, for its dump (a semaphore keeps none)

    /** A semaphore with {@code permits} free permits; releases may add more. */
    public Semaphore(int permits) {
        this(permits, Long.MAX_VALUE);
    }

    /** For {@link AsyncMutex}: releasing beyond {@code maxPermits} is an error, not a new permit. */
    Semaphore(int permits, long maxPermits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = permits;
        this.maxPermits = maxPermits;
    }

    /** A future that is ready once this task holds one permit. */
    public Future<Void> acquire() {
        return new Acquire(1);
    }

    /** A future that is ready once this task holds {@code n} permits, taken together. */
    public Future<Void> acquire(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must acquire at least one permit: " + n);
        }
        return new Acquire(n);
    }

    /** Takes one permit now if one is free and no one waits. */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /** Takes {@code n} permits now if they are free and no one waits. */
    public boolean tryAcquire(int n) {
        synchronized (lock) {
            if (waiters.isEmpty() && permits >= n) {
                permits -= n;
                takenBy(null); // not known: tryAcquire has no waker
                return true;
            }
            return false;
        }
    }

    public void release() {
        release(1);
    }

    /** Returns {@code n} permits; the longest waiters they satisfy are woken. */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must release at least one permit: " + n);
        }
        List<Waker> toWake;
        synchronized (lock) {
            if (permits + n > maxPermits) {
                throw new IllegalStateException("released more permits than were acquired");
            }
            permits += n;
            forgetHolderIfFree();
            toWake = grant();
        }
        wakeAll(toWake);
    }

    /** Under lock: the permits were just taken by {@code waker}'s task (null if not known). */
    private void takenBy(Waker waker) {
        if (maxPermits == 1) {
            holder = waker;
        }
    }

    /** Under lock: with every permit back, nobody holds any. */
    private void forgetHolderIfFree() {
        if (permits == maxPermits) {
            holder = null;
        }
    }

    /** Free permits now. */
    public int availablePermits() {
        synchronized (lock) {
            return (int) Math.min(Integer.MAX_VALUE, permits);
        }
    }

    /**
     * Runs the future {@code body} makes while holding one permit. The permit is released when the
     * body finishes, fails, or this future is cancelled (which also cancels the body).
     */
    public <T> Future<T> withPermit(Supplier<? extends Future<T>> body) {
        return new Holding<>(this, body);
    }

    /** Under lock: hands free permits to waiters in order; returns their wakers to call outside. */
    private List<Waker> grant() {
        List<Waker> toWake = null;
        for (Acquire head; (head = waiters.peek()) != null && permits >= head.n; ) {
            waiters.poll();
            permits -= head.n;
            takenBy(head.waker);
            head.state = Acquire.GRANTED;
            if (toWake == null) {
                toWake = new ArrayList<>(2);
            }
            toWake.add(head.waker);
        }
        return toWake;
    }

    private static void wakeAll(List<Waker> wakers) {
        if (wakers != null) {
            for (Waker w : wakers) {
                w.wake();
            }
        }
    }

    /**
     * One acquire.
     *
     * <pre>
     * state    event                                  next     effect
     * -------  -------------------------------------  -------  -------------------------------------
     * NEW      poll: no one waits, enough permits     DONE     permits taken
     * NEW      poll: otherwise                        WAITING  queued last
     * WAITING  release reaches it at the queue head   GRANTED  permits taken for it, woken
     * WAITING  cancel                                 DONE     leaves the queue; those behind may go
     * GRANTED  poll                                   DONE     ready: the caller holds the permits
     * GRANTED  cancel                                 DONE     permits given back
     * DONE     cancel                                 DONE     nothing: the caller holds them
     * </pre>
     */
    private final class Acquire implements Future<Void>, UnboxedPoll, Cancellable, Described {
        static final int NEW = 0;
        static final int WAITING = 1;
        static final int GRANTED = 2;
        static final int DONE = 3;

        final int n;
        int state = NEW; // guarded by lock
        Waker waker;     // guarded by lock

        Acquire(int n) {
            this.n = n;
        }

        /** For a dump: an AsyncMutex (one permit at most) names its holder; a semaphore counts. */
        @Override
        public String describe() {
            synchronized (lock) {
                if (maxPermits == 1) {
                    return "mutex, held by " + (holder == null ? "an unknown holder" : Described.of(holder))
                            + ", " + waiters.size() + " waiting";
                }
                return "semaphore, " + permits + " permits free, waiting for " + n + ", " + waiters.size() + " waiting";
            }
        }

        @Override
        public Poll<Void> poll(Context cx) {
            return UnboxedPoll.boxed(pollUnboxed(cx));
        }

        @Override
        public Object pollUnboxed(Context cx) {
            synchronized (lock) {
                switch (state) {
                    case NEW -> {
                        if (waiters.isEmpty() && permits >= n) {
                            permits -= n;
                            takenBy(cx.waker());
                            state = DONE;
                            return null;
                        }
                        state = WAITING;
                        waker = cx.waker();
                        waiters.add(this);
                        return Coroutine.SUSPENDED;
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Coroutine.SUSPENDED;
                    }
                    case GRANTED -> {
                        state = DONE;
                        waker = null;
                        return null;
                    }
                    default -> throw new IllegalStateException("acquire polled after it finished");
                }
            }
        }

        @Override
        public void cancel() {
            List<Waker> toWake = null;
            synchronized (lock) {
                if (state == WAITING) {
                    boolean wasHead = waiters.peek() == this;
                    waiters.remove(this);
                    if (wasHead) {
                        toWake = grant();
                    }
                } else if (state == GRANTED) {
                    permits += n;
                    forgetHolderIfFree();
                    toWake = grant();
                }
                state = DONE;
                waker = null;
            }
            wakeAll(toWake);
        }
    }

    /**
     * {@link #withPermit}: acquire, run the body, release.
     *
     * <pre>
     * phase      event                     next       effect
     * ---------  ------------------------  ---------  ----------------------------------
     * ACQUIRING  acquire ready             RUNNING    body created and polled
     * RUNNING    body ready or throws      DONE       permit released, outcome passed on
     * ACQUIRING  cancel                    DONE       acquire cancelled (no permit lost)
     * RUNNING    cancel                    DONE       body cancelled, permit released
     * </pre>
     */
    static final class Holding<T> implements Future<T>, Cancellable {
        private static final int ACQUIRING = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;

        private final Semaphore semaphore;
        private final Supplier<? extends Future<T>> makeBody;
        private final Future<Void> acquire;
        private Future<T> body;
        private int phase = ACQUIRING;

        Holding(Semaphore semaphore, Supplier<? extends Future<T>> makeBody) {
            this.semaphore = semaphore;
            this.makeBody = makeBody;
            this.acquire = semaphore.acquire();
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (phase == ACQUIRING) {
                if (acquire.poll(cx).isPending()) {
                    return Poll.pending();
                }
                phase = RUNNING;
            }
            if (phase != RUNNING) {
                throw new IllegalStateException("polled after it finished");
            }
            Poll<T> p;
            try {
                if (body == null) {
                    body = makeBody.get();
                }
                p = body.poll(cx);
            } catch (Throwable t) {
                finish();
                throw t;
            }
            if (p.isReady()) {
                finish();
            }
            return p;
        }

        private void finish() {
            phase = DONE;
            body = null;
            semaphore.release();
        }

        @Override
        public void cancel() {
            if (phase == ACQUIRING) {
                phase = DONE;
                ((Cancellable) acquire).cancel();
            } else if (phase == RUNNING) {
                // the body lets go of what it holds while it still has the permit
                Cancellable.cancel(body);
                finish();
            }
        }
    }
}
