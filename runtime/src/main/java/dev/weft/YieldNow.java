package dev.weft;

import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;

/**
 * The future behind {@link Async#yieldNow}: Pending once, then Ready. Waking during its own poll
 * makes the executor re-queue the task behind the work already queued (see {@code Scheduler.reschedule}).
 */
final class YieldNow implements Future<Void>, UnboxedPoll {
    private boolean yielded;

    @Override
    public Poll<Void> poll(Context cx) {
        return UnboxedPoll.boxed(pollUnboxed(cx));
    }

    @Override
    public Object pollUnboxed(Context cx) {
        if (yielded) {
            return null;
        }
        yielded = true;
        cx.waker().wake();
        return Coroutine.SUSPENDED;
    }
}
