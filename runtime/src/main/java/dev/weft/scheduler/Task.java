package dev.weft.scheduler;

import dev.weft.Cancellable;
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
 * state       event                  next          effect
 * ---------   --------------------   -----------   ------------------------------------------
 * (new)       spawn                  SCHEDULED     queued once
 * IDLE        wake                   SCHEDULED     queued once
 * SCHEDULED   wake                   SCHEDULED     nothing: already queued
 * SCHEDULED   run                    RUNNING       polls the future
 * RUNNING     wake                   NOTIFIED      the poller re-queues after the poll
 * RUNNING     poll returns Pending   IDLE          waits for a wake
 * NOTIFIED    poll returns Pending   SCHEDULED     re-queued once, behind queued work (reschedule)
 * RUNNING/NOTIFIED  Ready or throw   COMPLETE      output published, joiners woken
 * IDLE/SCHEDULED    cancel           CANCELLED     never polled again
 * RUNNING/NOTIFIED  cancel           CANCELLING    the poller finishes it as CANCELLED
 * COMPLETE/CANCELLED  anything       unchanged     wakes are ignored
 * </pre>
 *
 * <p>Entering COMPLETE or CANCELLED happens once per task and is the only place that calls
 * {@link Scheduler#released}. A queue may still hold a cancelled task's entry; running it finds the
 * word is not SCHEDULED and does nothing.
 *
 * <p>{@code liveNext}/{@code livePrev}/{@code liveShard} belong to the executor's registry of live
 * tasks (an intrusive list, so registering a task allocates nothing).
 */
final class Task<T> extends TaskOutcome<T> implements Waker, JoinHandle<T>, Runnable, AwaitTracker {
    static final int IDLE = 0;
    static final int SCHEDULED = 1;
    static final int RUNNING = 2;
    static final int NOTIFIED = 3;
    static final int CANCELLING = 4;
    static final int COMPLETE = 5;
    static final int CANCELLED = 6;

    private static final VarHandle STATE =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "state", VarHandle.class, Task.class, int.class);

    private final Scheduler scheduler;
    private final String name;
    private Future<T> future;
    private Object awaiting; // the leaf future the last poll suspended on, for toString only
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = SCHEDULED;

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
            return; // cancelled while queued
        }
        Poll<T> poll;
        awaiting = null;
        try {
            poll = future.poll(this);
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

    /** Only the poller gets here, from CANCELLING, so no CAS is needed: nobody else writes the word then. */
    private void finishCancelled() {
        state = CANCELLED;
        dropFuture();
        publishFailure(new CancellationException("task cancelled"));
        scheduler.released(this);
    }

    private void finish(T value, Throwable failure) {
        for (;;) {
            int s = state;
            if (s == CANCELLING) {
                finishCancelled();
                return;
            }
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

    @Override
    public boolean cancel() {
        for (;;) {
            int s = state;
            if (s == IDLE || s == SCHEDULED) {
                if (STATE.compareAndSet(this, s, CANCELLED)) {
                    dropFuture();
                    publishFailure(new CancellationException("task cancelled"));
                    scheduler.released(this);
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

    /** Name, state and, when suspended, what it waits for; read racily, as a diagnostic. */
    @Override
    public String toString() {
        return TaskDescription.of(name, state, awaiting);
    }
}
