package dev.weft;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread, a ready queue, and tasks that re-queue themselves when woken. The thread starts
 * with the first spawn and ends at {@link #close()}.
 */
final class SingleThreadedExecutor implements Executor, Scheduler {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Runnable STOP = () -> {};

    private final LinkedBlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();
    private final Set<Task<?>> live = ConcurrentHashMap.newKeySet();
    private final String name;
    private Thread thread;
    private volatile boolean closed;

    SingleThreadedExecutor(String name) {
        this.name = name + "-" + COUNT.incrementAndGet();
    }

    @Override
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Task<T> task = new Task<>(future, this);
        live.add(task);
        startIfNeeded();
        schedule(task);
        return task;
    }

    @Override
    public <T> T blockOn(Future<T> future) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("blockOn called from the executor's own thread would deadlock; await instead");
        }
        return spawn(future).join();
    }

    @Override
    public void schedule(Task<?> task) {
        if (closed) {
            task.cancel();
            return;
        }
        ready.add(task);
    }

    private synchronized void startIfNeeded() {
        if (closed) {
            throw new IllegalStateException("executor " + name + " is closed");
        }
        if (thread == null) {
            thread = new Thread(this::runLoop, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void runLoop() {
        CurrentExecutor.set(this);
        try {
            for (;;) {
                Runnable r = ready.take();
                if (r == STOP) {
                    return;
                }
                Task<?> task = (Task<?>) r;
                task.run();
                if (task.isDone()) {
                    live.remove(task);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CurrentExecutor.set(null);
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t != null) {
            ready.add(STOP);
            if (t != Thread.currentThread()) {
                joinUninterruptibly(t);
            }
        }
        for (Task<?> task : live) {
            task.cancel();
        }
        live.clear();
        ready.clear();
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SingleThreadedExecutor[" + name + "]";
    }
}
