package dev.weft.scheduler;

/**
 * Waits for a thread to end even if the waiting thread is interrupted, then restores the
 * interrupt. Executors' {@code close()} uses it: close promises that no worker outlives it, and an
 * interrupt must not break that promise or be lost.
 */
final class UninterruptibleJoin {
    private UninterruptibleJoin() {}

    static void join(Thread t) {
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
}
