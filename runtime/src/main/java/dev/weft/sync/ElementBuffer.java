package dev.weft.sync;

/**
 * Where a {@link Channel} keeps the elements it holds, in order. Many threads may put and take at
 * once. The channel reserves room before a put, so a put never fails; a take answers null when no
 * element is ready at the head.
 */
interface ElementBuffer<T> {
    /** Appends {@code value}; the caller has reserved room for it. */
    void put(T value);

    /** Removes and returns the head element, or null if there is none ready. */
    T take();
}
