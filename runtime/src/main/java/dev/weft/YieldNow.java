package dev.weft;

/**
 * The future behind {@link Async#yieldNow}: Pending once, then Ready. Waking during its own poll
 * makes the executor re-queue the task behind the work already queued (see {@code Scheduler.reschedule}).
 */
final class YieldNow implements Future<Void> {
    private boolean yielded;

    @Override
    public Poll<Void> poll(Context cx) {
        if (yielded) {
            return Poll.ready(null);
        }
        yielded = true;
        cx.waker().wake();
        return Poll.pending();
    }
}
