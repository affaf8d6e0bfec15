package dev.weft.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The pending sends or the pending receives of a {@link Channel}, oldest first: a lock-free
 * linked queue (Michael and Scott's) of nodes that a send or receive builds only when it has to
 * wait, so one that is ready at once carries no queue fields. A waiter leaves the queue by changing its own state (taken, cancelled, closed); the
 * queue drops such nodes when they reach the head, so cancelling never searches the queue.
 */
final class WaiterQueue<W extends WaiterQueue.Node> {
    /** What a waiting send or receive queues; it is enqueued at most once. */
    abstract static class Node {
        private volatile Node next;

        /** Whether it still waits: false once a sender or receiver took it, or it was cancelled or closed. */
        abstract boolean isWaiting();
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(WaiterQueue.class, "head", Node.class);
            TAIL = lookup.findVarHandle(WaiterQueue.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The queue's first node is a placeholder: the last node removed, or this at the start. */
    private static final class Start extends Node {
        @Override
        boolean isWaiting() {
            return false;
        }
    }

    private volatile Node head;
    private volatile Node tail;

    WaiterQueue() {
        Node start = new Start();
        head = start;
        tail = start;
    }

    /** Whether no node is queued. One read; a node that no longer waits still counts until dropped. */
    /** How many nodes are still waiting, counted by a racy walk: for task dumps only. */
    int countWaiting() {
        int n = 0;
        for (Node x = head.next; x != null; x = x.next) {
            if (x.isWaiting()) {
                n++;
            }
        }
        return n;
    }

    boolean isEmpty() {
        return head.next == null;
    }

    void enqueue(W waiter) {
        for (;;) {
            Node t = tail;
            Node n = t.next;
            if (n != null) {
                TAIL.compareAndSet(this, t, n); // help a enqueue that linked but did not swing the tail
            } else if (NEXT.compareAndSet(t, null, waiter)) {
                TAIL.compareAndSet(this, t, waiter);
                return;
            }
        }
    }

    /** The oldest node that still waits, or null; nodes before it that stopped waiting are dropped. */
    @SuppressWarnings("unchecked")
    W firstWaiting() {
        for (;;) {
            Node h = head;
            Node first = h.next;
            if (first == null) {
                return null;
            }
            if (first.isWaiting()) {
                return (W) first;
            }
            if (h == tail) {
                TAIL.compareAndSet(this, h, first); // the tail must not fall behind the head
            }
            HEAD.compareAndSet(this, h, first);
        }
    }
}
