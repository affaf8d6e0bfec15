package dev.weft;

import java.util.Objects;

/**
 * Thread state to set up around each poll of a future, so code that keeps its context in a
 * {@code ThreadLocal} (a logging MDC, a tracing span, a security context) sees the future's values
 * on whatever worker thread polls it, and the worker keeps nothing afterwards. Weft's counterpart
 * of Kotlin's {@code ThreadContextElement}.
 *
 * <pre>{@code
 * record MdcBinding(Map<String, String> values) implements ThreadBinding {
 *     public Object install() {
 *         Map<String, String> previous = MDC.getCopyOfContextMap();
 *         MDC.setContextMap(values);
 *         return previous;
 *     }
 *
 *     @SuppressWarnings("unchecked")
 *     public void restore(Object previous) {
 *         if (previous == null) MDC.clear(); else MDC.setContextMap((Map<String, String>) previous);
 *     }
 * }
 *
 * Async.spawn(new MdcBinding(Map.of("request", id)).around(handle(request)));
 * }</pre>
 *
 * <p>{@code install} and {@code restore} run on the polling thread, in pairs, around every poll
 * of the future (and around its cancellation); they must be quick and must not throw. Children
 * spawned by {@link Scope#spawn} inherit the binding, as they inherit {@link TaskLocal} values.
 * What the future writes to the thread-local during a poll is not carried to the next poll: the
 * binding installs its own values each time.
 */
public interface ThreadBinding {
    /** Sets the thread-locals on the current thread; returns what {@link #restore} puts back. */
    Object install();

    /** Puts back what {@link #install} replaced; receives what it returned. */
    void restore(Object previous);

    /** {@code future} with this binding installed around each of its polls. */
    default <R> Future<R> around(Future<R> future) {
        return BoundFuture.binding(this, Objects.requireNonNull(future, "future"));
    }
}
