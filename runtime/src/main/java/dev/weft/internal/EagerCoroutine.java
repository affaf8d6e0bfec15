package dev.weft.internal;

import dev.weft.Context;
import dev.weft.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a coroutine whose method returns {@code CompletableFuture} or {@code CompletionStage}: the
 * body starts on the calling thread and resumes on whichever thread wakes it.
 *
 * <pre>
 * state     event                 next      effect
 * -------   -------------------   -------   -----------------------------------
 * RUNNING   body suspends         IDLE      waits for a wake
 * RUNNING   wake (any thread)     NOTIFIED  the running thread steps again
 * NOTIFIED  body suspends         RUNNING   steps again at once
 * IDLE      wake                  RUNNING   the waking thread steps the body
 * any       body returns/throws   DONE      the CompletableFuture completes
 * </pre>
 */
public final class EagerCoroutine<T> implements Waker {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int NOTIFIED = 2;
    private static final int DONE = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(EagerCoroutine.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Coroutine<T> body;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Context cx = Context.of(this);
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RUNNING;

    private EagerCoroutine(Coroutine<T> body) {
        this.body = body;
    }

    /** Starts {@code body} on the calling thread; the result completes when the body finishes. */
    public static <T> CompletableFuture<T> start(Coroutine<T> body) {
        EagerCoroutine<T> run = new EagerCoroutine<>(body);
        run.runLoop();
        return run.result;
    }

    @Override
    public void wake() {
        for (;;) {
            int s = state;
            if (s == IDLE && STATE.compareAndSet(this, IDLE, RUNNING)) {
                runLoop();
                return;
            }
            if (s == RUNNING && STATE.compareAndSet(this, RUNNING, NOTIFIED)) {
                return;
            }
            if (s == NOTIFIED || s == DONE) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void runLoop() {
        for (;;) {
            Object r;
            try {
                r = body.step(cx);
            } catch (Throwable t) {
                state = DONE;
                result.completeExceptionally(t);
                return;
            }
            if (r != Coroutine.SUSPENDED) {
                state = DONE;
                result.complete((T) r);
                return;
            }
            if (STATE.compareAndSet(this, RUNNING, IDLE)) {
                return;
            }
            state = RUNNING; // was NOTIFIED: a wake came during the step, so step again
        }
    }
}
