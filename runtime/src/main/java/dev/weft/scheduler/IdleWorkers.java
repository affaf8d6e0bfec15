package dev.weft.scheduler;

import java.lang.invoke.VarHandle;

/**
 * Decides which workers look for work and which sleep, so that queued work always reaches a worker
 * while at most half the workers spin through the others' queues looking for it.
 *
 * <pre>
 * worker state   event                                   next        effect
 * ------------   -------------------------------------   ---------   -------------------------------
 * running        own queues empty, fewer than half       searching   searching + 1
 *                of the workers searching
 * running        own queues empty, enough searchers      parked      joins the parked stack; if the
 *                                                                    searchers left meanwhile, re-checks
 *                                                                    every queue
 * searching      found a task                            running     searching - 1; the last searcher
 *                                                                    to leave wakes a parked worker if
 *                                                                    any queue still holds work
 * searching      found nothing                           parked      searching - 1, joins the stack; the
 *                                                                    last searcher re-checks every queue
 * parked         work pushed while nobody searches       searching   popped off the stack by the pusher
 *                                                                    (searching + 1 on its behalf)
 * any            executor closing                        gone        every parked worker is unparked
 * </pre>
 *
 * <p>Why no wake is lost: a pusher writes its queue, then (after a full fence) reads
 * {@code searching}; a searcher that gives up decrements {@code searching} and joins the stack, then
 * (after a full fence) reads every queue. One of the two sees the other's write. If the pusher sees
 * another searcher still counted, that searcher is the one that will re-check, or will hand off to a
 * parked worker when it finds work and leaves: the last searcher to leave decrements
 * {@code searching}, fences, and reads every queue the same way, so a push it hid is one it sees.
 */
final class IdleWorkers {
    private final int workers;
    private final Worker[] parked;
    private int parkedCount; // guarded by this
    private volatile int searching; // written under this; read anywhere
    private volatile int parkedSnapshot; // parkedCount, readable without the lock

    IdleWorkers(int workers) {
        this.workers = workers;
        this.parked = new Worker[workers];
    }

    /** Called after work was pushed where an idle worker could take it. */
    void notifyWork() {
        VarHandle.fullFence(); // the push must be visible before we decide nobody needs waking
        if (searching != 0 || parkedSnapshot == 0) {
            return;
        }
        Worker w;
        synchronized (this) {
            if (searching != 0 || parkedCount == 0) {
                return;
            }
            w = parked[--parkedCount];
            parked[parkedCount] = null;
            parkedSnapshot = parkedCount;
            searching++;
        }
        w.unpark();
    }

    /** Whether {@code w} may start searching; if so it is counted as a searcher. */
    synchronized boolean startSearching(Worker w) {
        if (2 * searching >= workers) {
            return false;
        }
        searching++;
        w.searching = true;
        return true;
    }

    /**
     * {@code w} found work. If it was the last searcher and work is still queued (pushes that saw it
     * searching woke nobody), another worker takes over searching. With nothing queued nobody is
     * woken: a wake here would only find nothing and park again, two futex calls per task that
     * arrives at an idle executor (every round trip of a lone connection).
     */
    void stopSearching(Worker w) {
        if (!w.searching) {
            return;
        }
        w.searching = false;
        boolean last;
        synchronized (this) {
            last = --searching == 0;
        }
        VarHandle.fullFence(); // searching - 1 must be visible before we read the queues
        if (last && w.executor.hasQueuedWork()) {
            notifyWork();
        }
    }

    /**
     * {@code w} found no work: registers it as parked. Returns true if nobody is searching now (it
     * was the last searcher, or it was refused searching and the searcher has left since), in which
     * case it must re-check every queue before sleeping (see the class comment): a searcher that
     * left having found work wakes only workers already on the stack, and a push after that, seeing
     * nobody searching and nobody parked yet, wakes nobody.
     */
    boolean park(Worker w) {
        boolean nobodySearching;
        synchronized (this) {
            if (w.searching) {
                w.searching = false;
                searching--;
            }
            nobodySearching = searching == 0;
            parked[parkedCount++] = w;
            parkedSnapshot = parkedCount;
        }
        VarHandle.fullFence();
        return nobodySearching;
    }

    /**
     * The re-check found work after {@link #park}: takes {@code w} off the stack and counts it as a
     * searcher. Returns false if a pusher already took it off (and counted it), in which case its
     * unpark is on the way.
     */
    synchronized boolean unparkSelf(Worker w) {
        for (int i = 0; i < parkedCount; i++) {
            if (parked[i] == w) {
                parked[i] = parked[--parkedCount];
                parked[parkedCount] = null;
                parkedSnapshot = parkedCount;
                searching++;
                w.searching = true;
                return true;
            }
        }
        return false;
    }

    /** Workers on the parked stack, none searching: tests wait for an idle executor with it. */
    synchronized boolean allParked() {
        return parkedCount == workers && searching == 0;
    }

    /** A worker popped by {@link #notifyWork} wakes up already counted as searching. */
    void woken(Worker w) {
        w.searching = true;
    }
}
