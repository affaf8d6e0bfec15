package dev.weft.woven;

import dev.weft.Async;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a coroutine whose method returns {@code CompletableFuture} (or a subclass) or
 * {@code CompletionStage}: the body starts on the calling thread and, from its first pending
 * await on, resumes on an executor, never on the thread that woke it.
 *
 * <pre>
 * phase          event                        next           effect
 * ------------   --------------------------   ------------   -------------------------------------
 * (start)        body returns or throws       done           the CompletableFuture completes
 * (start)        body suspends                on executor    spawned as a task (Async.spawn)
 * on executor    wake (any thread)            on executor    woken = true, the task is woken
 * on executor    task poll, not woken         on executor    Pending: nothing to resume
 * on executor    task poll, woken             on executor    the body steps once
 * on executor    body returns or throws       done           the CompletableFuture completes
 * on executor    task cancelled (its          done           the body unwinds; the CompletableFuture
 *                executor closed)                            fails with CancellationException
 * </pre>
 *
 * <p><b>Why an executor.</b> Timers and sockets wake from the reactor thread; user code resumed
 * there (a web controller after an await, say) would stall every socket and timer in the JVM for
 * as long as it runs. So the rest of the body is a task of the executor {@link Async#spawn} picks
 * when the body first suspends: the current task's executor, else the default work-stealing one.
 * Completing one eager coroutine's {@code CompletableFuture} then only wakes the task of the
 * coroutine awaiting it, so a chain of coroutines awaiting each other never nests on one stack.
 *
 * <p>The body is always stepped with this object as its waker, so the futures it awaits keep
 * waking this, which wakes the task: the task's poll steps the body only after such a wake, and
 * a task poll without one (its first, say) polls nothing.
 */
public final class EagerCoroutine<T> implements Waker, Future<Void>, Cancellable {
    private static final VarHandle WOKEN =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "woken", VarHandle.class, EagerCoroutine.class, boolean.class);

    private final Coroutine<T> body;
    private final CompletableFuture<T> result;
    private final Context cx = Context.of(this);
    @SuppressWarnings("unused") // accessed through WOKEN
    private volatile boolean woken;
    private volatile Waker task; // the waker of the task that resumes the body, once spawned

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
        if (!run.stepBody()) {
            run.moveToExecutor();
        }
        return result;
    }

    private void moveToExecutor() {
        try {
            Async.spawn(this);
        } catch (RuntimeException refused) { // the current task's executor is closing
            body.cancel();
            result.completeExceptionally(refused);
        }
    }

    @Override
    public void wake() {
        woken = true;
        Waker w = task;
        if (w != null) {
            w.wake();
        }
    }

    /** The task's poll: steps the body if it was woken since its last step. */
    @Override
    public Poll<Void> poll(Context taskCx) {
        task = taskCx.waker(); // before reading woken: a wake after this read sees the task
        if (!(boolean) WOKEN.getAndSet(this, false)) {
            return Poll.pending();
        }
        return stepBody() ? Poll.ready(null) : Poll.pending();
    }

    /**
     * The task was cancelled, which only closing its executor does (nobody holds its handle): the
     * body unwinds where it waits, and the result fails rather than stay incomplete forever.
     */
    @Override
    public void cancel() {
        body.cancel();
        result.completeExceptionally(new CancellationException("the executor resuming this coroutine closed"));
    }

    /** The coroutine this runs, for {@link LogicalStack}. */
    Coroutine<T> body() {
        return body;
    }

    /** Steps the body once; returns whether it finished (and the result is completed). */
    @SuppressWarnings("unchecked")
    private boolean stepBody() {
        Object r;
        try {
            r = body.step(cx);
        } catch (Throwable t) {
            result.completeExceptionally(t);
            return true;
        }
        if (r == Coroutine.SUSPENDED) {
            return false;
        }
        result.complete((T) r);
        return true;
    }
}
