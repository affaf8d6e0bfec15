package dev.weft;

/**
 * The future behind {@link Async#yieldNow}: Pending once, then Ready. Waking during its own poll
 * makes the executor re-queue the task behind the work already queued (see {@code Scheduler.reschedule}).
 */
final class YieldNow implements Future<Void> {
    /** Its ready answer, shared: a yield in a loop allocates nothing when it resumes. */
    private static final Poll<Void> RESUMED = Poll.ready(null);

    private boolean yielded;

    @Override
    public Poll<Void> poll(Context cx) {
        if (yielded) {
            return RESUMED;
        }
        yielded = true;
        cx.waker().wake();
        return Poll.pending();
    }
}
