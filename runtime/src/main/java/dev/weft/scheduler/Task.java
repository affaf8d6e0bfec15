package dev.weft.scheduler;

import dev.weft.Cancellable;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.woven.AwaitTracker;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A spawned future plus one atomic state word. The task is its own {@link Waker} and its own
 * {@link JoinHandle}, so spawning allocates the task and nothing else (it is also the poll's Context).
 *
 * <pre>
 * state          event                  next           effect
 * ------------   --------------------   ------------   ---------------------------------------------
 * (new)          spawn                  SCHEDULED      queued once
 * IDLE           wake                   SCHEDULED      queued once
 * SCHEDULED      wake                   SCHEDULED      nothing: already queued
 * SCHEDULED      run                    RUNNING        polls the future
 * RUNNING        wake                   NOTIFIED       the poller re-queues after the poll
 * RUNNING        poll returns Pending   IDLE           waits for a wake
 * NOTIFIED       poll returns Pending   SCHEDULED      re-queued once, behind queued work (reschedule)
 * RUNNING/NOTIFIED  Ready or throw      COMPLETE       output published, joiners woken
 * IDLE           cancel                 CANCEL_QUEUED  queued once, to unwind on the executor
 * SCHEDULED      cancel                 CANCEL_QUEUED  nothing: already queued
 * CANCEL_QUEUED  run                    CANCELLING     the runner unwinds the future, then CANCELLED
 * RUNNING/NOTIFIED  cancel              CANCELLING     the poller finishes it after the poll (next two rows)
 * CANCELLING     poll returns Pending   CANCELLED      the poller unwinds the future; the handle fails
 * CANCELLING     Ready or throw         COMPLETE       the poll won: its outcome is kept, not dropped
 * IDLE/SCHEDULED/CANCEL_QUEUED  abandon CANCELLING    the caller unwinds it, then CANCELLED (executor closed)
 * CANCEL_QUEUED/CANCELLING  wake        unchanged      ignored: the task is never polled again
 * COMPLETE/CANCELLED  anything          unchanged      wakes are ignored
 * </pre>
 *
 * <p>{@link #cancel()} only asks: the future's unwinding (a suspended coroutine's {@code catch} and
 * {@code finally} blocks, which a retry loop can make long) runs on the executor, as any poll does,
 * and the handle completes when it is done. Only {@link #abandon()}, for an executor that is closed
 * and will run nothing more, unwinds on the calling thread.
 *
 * <p>Entering COMPLETE or CANCELLED happens once per task and is the only place that calls
 * {@link Scheduler#released}. A queue may still hold a cancelled task's entry; running it finds the
 * word is neither SCHEDULED nor CANCEL_QUEUED and does nothing.
 *
 * <p>{@code liveNext}/{@code livePrev}/{@code liveShard} belong to the executor's registry of live
 * tasks (an intrusive list, so registering a task allocates nothing).
 */
final class Task<T> extends TaskOutcome<T> implements Waker, JoinHandle<T>, Runnable, AwaitTracker, Described {
    static final int IDLE = 0;
    static final int SCHEDULED = 1;
    static final int RUNNING = 2;
    static final int NOTIFIED = 3;
    static final int CANCELLING = 4;
    static final int COMPLETE = 5;
    static final int CANCELLED = 6;
    static final int CANCEL_QUEUED = 7;

    private static final VarHandle STATE =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "state", VarHandle.class, Task.class, int.class);
    private static final VarHandle ID =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "id", VarHandle.class, Task.class, long.class);

    private final Scheduler scheduler;
    private final String name;
    private Future<T> future;
    private Object awaiting; // the leaf future the last poll suspended on, for toString and the task dump
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = SCHEDULED;
    private volatile long id; // 0 until a dump, a trace or an event asks: spawning touches no shared counter

    // Owned by LiveTasks, guarded by the lock of shard liveShard.
    Task<?> liveNext;
    Task<?> livePrev;
    int liveShard;

    Task(Future<T> future, Scheduler scheduler) {
        if (future instanceof NamedFuture<T> named) {
            this.name = named.name();
            this.future = named.future();
        } else {
            this.name = null;
            this.future = future;
        }
        this.scheduler = scheduler;
    }

    int state() {
        return state;
    }

    @Override
    public void wake() {
        for (;;) {
            int s = state;
            if (s == IDLE) {
                if (STATE.compareAndSet(this, IDLE, SCHEDULED)) {
                    scheduler.schedule(this);
                    return;
                }
            } else if (s == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, NOTIFIED)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** Polls the future once; the scheduler calls this for each queue entry. */
    @Override
    public void run() {
        if (!STATE.compareAndSet(this, SCHEDULED, RUNNING)) {
            if (STATE.compareAndSet(this, CANCEL_QUEUED, CANCELLING)) {
                finishCancelled();
            }
            return; // otherwise cancelled (by close) while queued
        }
        Poll<T> poll;
        awaiting = null;
        try {
            poll = future.poll(this);
            if (poll == null) {
                throw new IllegalStateException(future.getClass().getName()
                        + ".poll returned null; a poll answers Poll.ready(value) or Poll.pending()");
            }
        } catch (Throwable failure) {
            finish(null, failure);
            return;
        }
        if (poll.isReady()) {
            finish(poll.value(), null);
        } else {
            afterPending();
        }
    }

    private void afterPending() {
        for (;;) {
            int s = state;
            if (s == RUNNING && STATE.compareAndSet(this, RUNNING, IDLE)) {
                return;
            }
            if (s == NOTIFIED && STATE.compareAndSet(this, NOTIFIED, SCHEDULED)) {
                scheduler.reschedule(this);
                return;
            }
            if (s == CANCELLING) {
                finishCancelled();
                return;
            }
        }
    }

    /** Only the poller or runner gets here, from CANCELLING, so no CAS is needed: nobody else writes the word then. */
    private void finishCancelled() {
        state = CANCELLED;
        dropFuture();
        publishFailure(new CancellationException("task cancelled"));
        scheduler.released(this);
    }

    /**
     * A poll that finished wins over a cancel that came during it (CANCELLING): the future may have
     * taken something (a channel element, a permit, a connection) that only its output carries, so
     * dropping the output would lose it.
     */
    private void finish(T value, Throwable failure) {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, COMPLETE)) {
                future = null;
                awaiting = null;
                if (failure != null) {
                    publishFailure(failure);
                } else {
                    publishValue(value);
                }
                scheduler.released(this);
                return;
            }
        }
    }

    /** Asks for cancellation and returns; the unwinding runs on the executor (see the class comment). */
    @Override
    public boolean cancel() {
        for (;;) {
            int s = state;
            if (s == IDLE) {
                if (STATE.compareAndSet(this, IDLE, CANCEL_QUEUED)) {
                    scheduler.schedule(this);
                    return true;
                }
            } else if (s == SCHEDULED) {
                if (STATE.compareAndSet(this, SCHEDULED, CANCEL_QUEUED)) {
                    return true;
                }
            } else if (s == RUNNING || s == NOTIFIED) {
                if (STATE.compareAndSet(this, s, CANCELLING)) {
                    return true;
                }
            } else {
                return false;
            }
        }
    }

    /**
     * Cancels the task here and now, unwinding its future on the calling thread: for an executor
     * that is closed, whose queues nobody runs any more. A task being polled is finished as
     * CANCELLED by its poller, as for {@link #cancel()}.
     */
    void abandon() {
        for (;;) {
            int s = state;
            if (s == IDLE || s == SCHEDULED || s == CANCEL_QUEUED) {
                if (STATE.compareAndSet(this, s, CANCELLING)) {
                    finishCancelled();
                    return;
                }
            } else if (s == RUNNING || s == NOTIFIED) {
                if (STATE.compareAndSet(this, s, CANCELLING)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    private void dropFuture() {
        Future<T> dropped = future;
        future = null;
        awaiting = null;
        // the future may hold a timer, a lock-queue place or a channel slot; a throwing cancel
        // must not stop the cancellation from being published to joiners
        if (dropped instanceof Cancellable c) {
            try {
                c.cancel();
            } catch (Throwable t) {
                Thread me = Thread.currentThread();
                me.getUncaughtExceptionHandler().uncaughtException(me, t);
            }
        }
    }

    @Override
    public void awaiting(Object leaf) {
        awaiting = leaf;
    }

    @Override
    String taskName() {
        return name;
    }

    /** A number unique in this JVM, given when first asked for, so the order is that of first use. */
    long id() {
        long i = id;
        if (i == 0) {
            ID.compareAndSet(this, 0L, TaskIds.next());
            i = id;
        }
        return i;
    }

    /** The future the task polls, read racily; null once it finished. */
    Object root() {
        return future;
    }

    /** The leaf future the last poll suspended on, read racily. */
    Object awaitingLeaf() {
        return awaiting;
    }

    /** How another task's dump entry, or a mutex held by this task, names it: {@code task 17 (fetch-user)}. */
    @Override
    public String describe() {
        return "task " + id() + (name != null ? " (" + name + ")" : "");
    }

    /** Name, state and, when suspended, what it waits for; read racily, as a diagnostic. */
    @Override
    public String toString() {
        return TaskDescription.of(name, state, awaiting);
    }
}
