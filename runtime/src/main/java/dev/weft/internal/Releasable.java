package dev.weft.internal;

/**
 * A future that holds a resource (a timer, an I/O registration) it can give back when nobody
 * will poll it again. {@code Timer.timeout} uses it to cancel the future that lost. Not for users.
 *
 * <p>A stand-in until {@code dev.weft.Cancellable} exists; the method has the same shape, so the
 * implementations can move to that interface unchanged.
 */
public interface Releasable {
    /**
     * Releases what the future holds; it fails or stays pending if polled again.
     *
     * @return true if this call cancelled work that had not completed
     */
    boolean cancel();
}
