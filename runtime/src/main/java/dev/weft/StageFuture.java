package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A {@link Future} over a {@link CompletionStage}: ready when the stage completes; a failed stage
 * rethrows its cause, unwrapped from {@code CompletionException} and {@code ExecutionException}.
 */
final class StageFuture<T> implements Future<T> {
    private final CompletionStage<T> stage;
    private volatile Waker waker;
    private volatile boolean done; // written after value and failure, so reading it first publishes them
    private T value;
    private Throwable failure;
    private boolean listening;

    StageFuture(CompletionStage<T> stage) {
        this.stage = stage;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!done) {
            waker = cx.waker();
            if (!listening) {
                listening = true;
                // the outcome is taken from the callback: toCompletableFuture() may throw for stages
                // that do not interoperate, as the CompletionStage contract allows
                stage.whenComplete((v, e) -> {
                    value = v;
                    failure = e;
                    done = true;
                    waker.wake();
                });
            }
            if (!done) {
                return Poll.pending();
            }
        }
        return Poll.ready(outcome());
    }

    private T outcome() {
        if (failure != null) {
            throw rethrowCause(failure);
        }
        return value;
    }

    private static RuntimeException rethrowCause(Throwable wrapper) {
        Throwable cause = wrapper;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        throw Throw.unchecked(cause);
    }
}
