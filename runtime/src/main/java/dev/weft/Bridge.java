package dev.weft;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Crossings between Weft futures and {@code java.util.concurrent}'s {@code CompletionStage}.
 *
 * <pre>{@code
 * // a CompletableFuture-based client, awaited from Weft (inside woven code await(stage) also works)
 * Future<HttpResponse<String>> resp = Bridge.fromStage(client.sendAsync(req, ofString()));
 *
 * // Weft code handed to a CompletableFuture-based caller
 * CompletableFuture<Report> cf = Bridge.toCompletableFuture(buildReport(), executor);
 * cf.cancel(true);   // cancels the task, which releases what it was waiting on
 * }</pre>
 *
 * <p>{@link JoinHandle#toCompletableFuture()} is the third crossing: an already spawned task's
 * outcome as a {@code CompletableFuture}.
 */
public final class Bridge {
    private Bridge() {}

    /**
     * A future that is ready when {@code stage} completes. A failed stage rethrows its cause,
     * unwrapped from {@code CompletionException}/{@code ExecutionException}. The stage is not
     * started or cancelled by this future: it runs on whatever drives it.
     */
    public static <T> Future<T> fromStage(CompletionStage<T> stage) {
        return new StageFuture<>(Objects.requireNonNull(stage, "stage"));
    }

    /**
     * Spawns {@code future} on {@code executor} and answers a {@code CompletableFuture} completed
     * with its output or its failure (the same throwable instance). Cancelling the
     * {@code CompletableFuture} cancels the task.
     */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future, Executor executor) {
        JoinHandle<T> task = executor.spawn(future);
        CompletableFuture<T> result = new CompletableFuture<>();
        task.toCompletableFuture().whenComplete((v, failure) -> {
            if (failure == null) {
                result.complete(v);
            } else {
                result.completeExceptionally(failure);
            }
        });
        result.whenComplete((v, failure) -> {
            if (result.isCancelled()) {
                task.cancel();
            }
        });
        return result;
    }
}
