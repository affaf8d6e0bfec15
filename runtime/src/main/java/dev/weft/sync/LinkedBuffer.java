package dev.weft.sync;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The elements of an unbounded channel, or of one whose capacity is too large to allocate a ring
 * for up front: a lock-free linked queue that grows with what it holds (a node per element).
 */
final class LinkedBuffer<T> implements ElementBuffer<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void put(T value) {
        queue.offer(value);
    }

    @Override
    public T take() {
        return queue.poll();
    }
}
