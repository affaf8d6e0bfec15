package dev.weft.woven;

import dev.weft.Context;
import dev.weft.Waker;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a coroutine whose method returns {@code CompletableFuture} (or a subclass) or
 * {@code CompletionStage}: the body starts on the calling thread and resumes on whichever thread
 * wakes it.
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
 *
 * <p><b>Resumption is iterative.</b> Completing one eager coroutine's {@code CompletableFuture}
 * wakes the coroutine awaiting it, synchronously, on the completing thread; run directly, a chain
 * of {@code n} coroutines awaiting each other would unwind {@code n} deep on that thread's stack
 * and overflow it at a few thousand. So each thread has a {@link Trampoline}: the first resume on
 * a thread runs there and then drains the queue; a wake that arrives while a resume is already
 * running on the same thread is queued behind it instead of run inside it. Such a resume still
 * runs on the thread that woke it, just after the step that woke it returns. {@link #start} runs
 * its body inline even inside another resume, because the call must run the body to its first
 * pending await before it returns.
 */
public final class EagerCoroutine<T> implements Waker {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int NOTIFIED = 2;
    private static final int DONE = 3;
    private static final VarHandle STATE =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "state", VarHandle.class, EagerCoroutine.class, int.class);

    /** Per-thread queue of woken coroutines waiting for the resume running on this thread to return. */
    private static final class Trampoline {
        final ArrayDeque<EagerCoroutine<?>> queued = new ArrayDeque<>();
        boolean running;
    }

    private static final ThreadLocal<Trampoline> TRAMPOLINE = ThreadLocal.withInitial(Trampoline::new);

    private final Coroutine<T> body;
    private final CompletableFuture<T> result;
    private final Context cx = Context.of(this);
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RUNNING;

    private EagerCoroutine(Coroutine<T> body, CompletableFuture<T> result) {
        this.body = body;
        this.result = result;
    }

    /** Starts {@code body} on the calling thread; the result completes when the body finishes. */
    public static <T> CompletableFuture<T> start(Coroutine<T> body) {
        return start(body, new CompletableFuture<>());
    }

    /**
     * As {@link #start(Coroutine)}, completing {@code result}: a new instance of the
     * {@code CompletableFuture} subclass the coroutine's method declares it returns.
     */
    public static <T> CompletableFuture<T> start(Coroutine<T> body, CompletableFuture<T> result) {
        EagerCoroutine<T> run = new EagerCoroutine<>(body, result);
        Trampoline t = TRAMPOLINE.get();
        if (t.running) {
            run.runLoop(); // nested in another resume, which drains whatever this queues
        } else {
            runAndDrain(t, run);
        }
        return run.result;
    }

    @Override
    public void wake() {
        for (;;) {
            int s = state;
            if (s == IDLE && STATE.compareAndSet(this, IDLE, RUNNING)) {
                Trampoline t = TRAMPOLINE.get();
                if (t.running) {
                    t.queued.add(this); // stays RUNNING while queued, so later wakes only set NOTIFIED
                } else {
                    runAndDrain(t, this);
                }
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

    private static void runAndDrain(Trampoline t, EagerCoroutine<?> first) {
        t.running = true;
        try {
            first.runLoop();
            for (EagerCoroutine<?> next; (next = t.queued.poll()) != null; ) {
                next.runLoop();
            }
        } finally {
            // an Error escaping a step leaves the rest queued; the next resume on this thread runs them
            t.running = false;
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
