package dev.weft.woven;

import dev.weft.Bridge;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;

/** The helpers woven code calls at each await site. Not for users. */
public final class Await {
    /** The ready answer with null, shared: see {@link UnboxedPoll#boxed}. */
    static final Poll<Object> READY_NULL = Poll.ready(null);

    private Await() {}

    /**
     * Polls the awaited future once for the coroutine {@code self}, whose body is awaiting it: a
     * woven coroutine is stepped directly (and, if it suspends, recorded as running under
     * {@code self}, so the next step resumes it without re-entering {@code self}), a runtime future
     * that offers it polled through {@link UnboxedPoll} (no {@code Poll} allocated), any other
     * future polled. Returns its value or {@link Coroutine#SUSPENDED}; failures propagate unchanged.
     *
     * <p>{@code self} is typed {@code Object} because the host's body is verified before the
     * frame class is defined (see the agent's {@code AwaitCalls}).
     *
     * <p>With {@link Coroutine#CANCELLING} the enclosing coroutine is being cancelled: the future is
     * cancelled instead of polled (a nested coroutine unwinds its own body first) and the await
     * throws {@link CancellationException}.
     */
    public static Object poll(Object future, Context cx, Object self) {
        if (cx == Coroutine.CANCELLING) {
            throw cancel(future);
        }
        if (future instanceof Coroutine<?> c) {
            Object r = c.step(cx);
            if (r == Coroutine.SUSPENDED) {
                c.suspendedUnder((Coroutine<?>) self);
            }
            return r;
        }
        if (future instanceof UnboxedPoll u) {
            return u.pollUnboxed(cx);
        }
        if (future instanceof Future<?> f) {
            Poll<?> p = f.poll(cx);
            return p.isReady() ? p.value() : Coroutine.SUSPENDED;
        }
        if (future == null) {
            throw new NullPointerException("await(null): the awaited future is null");
        }
        throw new IllegalArgumentException("await of a " + future.getClass().getName() + ", which is not a dev.weft.Future");
    }

    private static CancellationException cancel(Object future) {
        if (future instanceof Coroutine<?> c) {
            c.unwind(); // throws what the child's unwinding threw, if anything
        } else {
            Cancellable.cancel(future);
        }
        return new CancellationException("await in a cancelled coroutine");
    }

    /** Adapts an awaited {@code CompletionStage} to a future. */
    public static Future<?> stage(CompletionStage<?> stage) {
        if (stage == null) {
            throw new NullPointerException("await(null): the awaited CompletionStage is null");
        }
        return Bridge.fromStage(stage);
    }

    /** What a misplaced await does at run time: throws the message the weaver logged at load time. */
    public static Object misuse(String message) {
        throw new IllegalStateException(message);
    }
}
