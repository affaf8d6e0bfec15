package dev.weft;

/**
 * Tells whoever drives a future that polling it again may make progress.
 *
 * <p>May be called any number of times, from any thread, before, during or after the poll that
 * registered it.
 *
 * <pre>{@code
 * Waker w = cx.waker();
 * someCallbackApi.onDone(w::wake);
 * }</pre>
 */
@FunctionalInterface
public interface Waker {
    void wake();
}
