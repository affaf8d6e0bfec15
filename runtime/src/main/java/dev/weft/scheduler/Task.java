package dev.weft.scheduler;

import dev.weft.Cancellable;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.woven.LogicalStack;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A spawned future plus one atomic state word (which also holds the task's id). The task is its own {@link Waker} and its own
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
 * RUNNING        wake on its poller     RUNNING        a flag on the polling thread, no CAS (below)
 * RUNNING        poll returns Pending   IDLE           waits for a wake
 * RUNNING+flag   poll returns Pending   RUNNING        re-queued behind queued work, still owned (below)
 * NOTIFIED       poll returns Pending   SCHEDULED      re-queued once, behind queued work (reschedule)
 * RUNNING        run (owned entry)      RUNNING        polls the future again, no CAS
 * NOTIFIED       run (owned entry)      RUNNING        polls the future again: this poll covers the wake
 * RUNNING/NOTIFIED  Ready or throw      COMPLETE       output published, joiners woken
 * IDLE           cancel                 CANCEL_QUEUED  queued once, to unwind on the executor
 * SCHEDULED      cancel                 CANCEL_QUEUED  nothing: already queued
 * CANCEL_QUEUED  run                    CANCELLED      the runner unwinds the future, then publishes
 * RUNNING/NOTIFIED  cancel              CANCELLING     the owner finishes it: after the poll, or when
 *                                                      its owned entry runs (next three rows)
 * CANCELLING     poll returns Pending   CANCELLED      the poller unwinds the future; the handle fails
 * CANCELLING     run (owned entry)      CANCELLED      the runner unwinds the future
 * CANCELLING     Ready or throw         COMPLETE       the poll won: its outcome is kept, not dropped
 * RUNNING/NOTIFIED  abandon, its poller CANCELLING     the poller finishes it after the poll
 * not final      abandon, anyone else   CANCELLED      the caller unwinds it (executor closed)
 * CANCEL_QUEUED/CANCELLING  wake        unchanged      ignored: the task is never polled again
 * COMPLETE/CANCELLED  anything          unchanged      wakes are ignored; a queue entry is dropped
 * </pre>
 *
 * <p>{@link #cancel()} only asks: the future's unwinding (a suspended coroutine's {@code catch} and
 * {@code finally} blocks, which a retry loop can make long) runs on the executor, as any poll does,
 * and the handle completes when it is done. Only {@link #abandon()}, for an executor that is closed
 * and will run nothing more, unwinds on the calling thread.
 *
 * <p>Entering CANCELLED is always a CAS, so exactly one thread unwinds the future; entering
 * COMPLETE or CANCELLED happens once per task and is the only place that calls
 * {@link Scheduler#released}. A queue may still hold a finished task's entry; running it does nothing.
 *
 * <p><b>The round trip without a CAS.</b> A wake from inside the task's own poll, on the thread
 * polling it (a yield, a future that finds more work and wakes itself), only sets
 * {@link ExecutorThread#selfWoken}, which that thread alone reads and writes. After such a poll the
 * word stays RUNNING and the poller queues the task behind the others: the entry is <i>owned</i>,
 * the task still belongs to the executor, and running it polls again without a CAS. Others see a
 * RUNNING task either way: a wake makes it NOTIFIED and a cancel CANCELLING, without queuing it,
 * since the owned entry will see either. The one thing that must tell a poll in progress from an
 * owned entry is {@link #abandon()}, and it only runs where no other thread can be polling the
 * task: on a closed executor whose threads are joined, or from the task's own poller.
 *
 * <p>{@code liveNext}/{@code livePrev} belong to the executor's registry of live tasks (an
 * intrusive list, so registering a task allocates nothing); the task's {@code scheduler} is its
 * shard of that registry ({@link LiveTasks.Shard}), which forwards queue entries to the executor.
 * A named task is a {@link NamedTask}, so an unnamed one carries no name field.
 *
 * <p><b>Size.</b> A task is 32 bytes (12 of header, five 4-byte fields: the outcome word, the
 * scheduler, the state word, the two registry links), what each of a million suspended tasks
 * holds. So it keeps no field for what it waits on: {@code toString} and the task dump read the
 * leaf future from the coroutine chain itself ({@link LogicalStack}), which a woven frame records
 * anyway. The future it polls shares the outcome's word ({@link TaskOutcome}): the outcome
 * replaces it. Its id shares the state word: the state is the low {@value #STATE_BITS} bits, the
 * id the rest ({@link TaskIds}), and every transition is a CAS of the whole word that keeps them.
 */
class Task<T> extends TaskOutcome<T> implements Waker, JoinHandle<T>, Runnable, Described {
    static final int IDLE = 0;
    static final int SCHEDULED = 1;
    static final int RUNNING = 2;
    static final int NOTIFIED = 3;
    static final int CANCELLING = 4;
    static final int COMPLETE = 5;
    static final int CANCELLED = 6;
    static final int CANCEL_QUEUED = 7;

    static final int STATE_BITS = 3;
    private static final int STATE_MASK = (1 << STATE_BITS) - 1;
    private static final VarHandle WORD =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "word", VarHandle.class, Task.class, int.class);

    private final Scheduler scheduler;
    /**
     * The state (the low {@value #STATE_BITS} bits) and the id (the rest; 0 until a dump, a trace
     * or an event asks, so spawning touches no shared counter). One word for both saves a field;
     * every transition is a CAS of the whole word that keeps the id bits.
     */
    private volatile int word = SCHEDULED;

    // Owned by LiveTasks, guarded by the lock of the shard that is this task's scheduler.
    Task<?> liveNext;
    Task<?> livePrev;

    Task(Future<T> future, Scheduler scheduler) {
        super(future);
        this.scheduler = scheduler;
    }

    /** The task for {@code future}: a {@link NamedTask} polling the inner future if it is a {@link NamedFuture}. */
    static <T> Task<T> of(Future<T> future, Scheduler scheduler) {
        return future instanceof NamedFuture<T> named
                ? new NamedTask<>(named.name(), named.future(), scheduler)
                : new Task<>(future, scheduler);
    }

    int state() {
        return word & STATE_MASK;
    }

    /** The transition from the word {@code w} (read before) to state {@code next}, keeping the id. */
    private boolean move(int w, int next) {
        return WORD.compareAndSet(this, w, (w & ~STATE_MASK) | next);
    }

    @Override
    public final void wake() {
        if (Thread.currentThread() instanceof ExecutorThread t && t.polling == this) {
            t.selfWoken = true;
            return;
        }
        for (;;) {
            int w = word;
            int s = w & STATE_MASK;
            if (s == IDLE) {
                if (move(w, SCHEDULED)) {
                    scheduler.schedule(this);
                    return;
                }
            } else if (s == RUNNING) {
                if (move(w, NOTIFIED)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** Polls the future once; the scheduler calls this for each queue entry. */
    @Override
    public final void run() {
        if (!claimForPoll()) {
            return;
        }
        Poll<T> poll;
        Future<T> future = future();
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

    /** Moves the word to RUNNING for this entry's poll; false if there is nothing to poll (see the table). */
    private boolean claimForPoll() {
        for (;;) {
            int w = word;
            int s = w & STATE_MASK;
            if (s == RUNNING) {
                return true; // an owned entry: the task never stopped being ours
            }
            if (s == SCHEDULED || s == NOTIFIED) {
                if (move(w, RUNNING)) {
                    return true;
                }
            } else if (s == CANCEL_QUEUED || s == CANCELLING) {
                if (move(w, CANCELLED)) {
                    finishCancelled();
                    return false;
                }
            } else {
                return false; // finished (by close, or a cancel that someone else unwound) while queued
            }
        }
    }

    private void afterPending() {
        boolean selfWoken = Thread.currentThread() instanceof ExecutorThread t && t.endPoll(this);
        for (;;) {
            int w = word;
            int s = w & STATE_MASK;
            if (s == RUNNING) {
                if (selfWoken) {
                    scheduler.reschedule(this); // owned: no CAS, see the class comment
                    return;
                }
                if (move(w, IDLE)) {
                    return;
                }
            } else if (s == NOTIFIED) {
                if (move(w, SCHEDULED)) {
                    scheduler.reschedule(this);
                    return;
                }
            } else if (s == CANCELLING) {
                if (move(w, CANCELLED)) {
                    finishCancelled();
                }
                return;
            } else {
                return; // CANCELLED: abandoned by its own poller, during a reschedule on a closed executor
            }
        }
    }

    /** The unwinding and publication, by the one thread whose CAS moved the word to CANCELLED. */
    private void finishCancelled() {
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
            int w = word;
            int s = w & STATE_MASK;
            if (s == COMPLETE || s == CANCELLED) {
                return; // not reached: nothing finishes a task while it is polled
            }
            if (move(w, COMPLETE)) {
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
    public final boolean cancel() {
        for (;;) {
            int w = word;
            int s = w & STATE_MASK;
            if (s == IDLE) {
                if (move(w, CANCEL_QUEUED)) {
                    scheduler.schedule(this);
                    return true;
                }
            } else if (s == SCHEDULED) {
                if (move(w, CANCEL_QUEUED)) {
                    return true;
                }
            } else if (s == RUNNING || s == NOTIFIED) {
                if (move(w, CANCELLING)) {
                    return true;
                }
            } else {
                return false;
            }
        }
    }

    /**
     * Cancels the task here and now, unwinding its future on the calling thread: for an executor
     * that is closed, whose queues nobody runs any more. Called by the task's poller during its
     * poll, it only marks the task CANCELLING, and the poller finishes it after the poll. The caller
     * guarantees that no other thread is polling the task (see the class comment): the executor's
     * threads are joined, or the task was just queued on a closed executor.
     */
    void abandon() {
        boolean polledHere = Thread.currentThread() instanceof ExecutorThread t && t.polling == this;
        for (;;) {
            int w = word;
            int s = w & STATE_MASK;
            if (s == COMPLETE || s == CANCELLED || (polledHere && s == CANCELLING)) {
                return;
            }
            if (polledHere) {
                if (move(w, CANCELLING)) {
                    return;
                }
            } else if (move(w, CANCELLED)) {
                finishCancelled();
                return;
            }
        }
    }

    private void dropFuture() {
        Future<T> dropped = future(); // dropped from the word when the cancellation is published
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
    String taskName() {
        return null;
    }

    /**
     * A number given when first asked for, so the order is that of first use; it lives in the
     * word's upper bits, so it is unique among the first 2^29 - 1 tasks asked for one (see
     * {@link TaskIds}). A transition racing the assignment only makes the CAS go round again.
     */
    long id() {
        int w = word;
        if ((w >>> STATE_BITS) == 0) {
            int next = TaskIds.next();
            while ((w >>> STATE_BITS) == 0 && !WORD.compareAndSet(this, w, (next << STATE_BITS) | (w & STATE_MASK))) {
                w = word; // a transition, or another thread's id, came first
            }
            w = word;
        }
        return w >>> STATE_BITS;
    }

    /** The future the task polls, read racily; null once it finished. */
    Object root() {
        return future();
    }

    /** How another task's dump entry, or a mutex held by this task, names it: {@code task 17 (fetch-user)}. */
    @Override
    public String describe() {
        String name = taskName();
        return "task " + id() + (name != null ? " (" + name + ")" : "");
    }

    /** Name, state and, when suspended, what it waits for; read racily, as a diagnostic. */
    @Override
    public final String toString() {
        int s = state();
        return TaskDescription.of(taskName(), s, s == IDLE ? LogicalStack.awaitedLeaf(future()) : null);
    }
}
