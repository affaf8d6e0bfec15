/**
 * Called by woven code; not for users. The agent rewrites each coroutine into a subclass of
 * {@link dev.weft.woven.Coroutine} (lazy, for methods returning {@code Future}) or
 * {@link dev.weft.woven.EagerCoroutine} (for {@code CompletableFuture}/{@code CompletionStage}),
 * whose await points call {@link dev.weft.woven.Await} (an awaited {@code CompletionStage} goes
 * through {@link dev.weft.Bridge#fromStage}).
 *
 * <p>The package is exported because woven classes live in the user's modules. Its names and
 * signatures are the agent's contract ({@code dev.weft.agent.weave.AwaitCalls}): change them only
 * together with the agent.
 */
package dev.weft.woven;
