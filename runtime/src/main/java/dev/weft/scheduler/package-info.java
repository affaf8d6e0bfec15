/**
 * The executors behind {@link dev.weft.Executor} and {@link dev.weft.Async#spawn}; not exported.
 *
 * <p>{@link dev.weft.scheduler.Task} is a spawned future with one atomic state word (its table is
 * in the class comment); it is its own waker, context and join handle. The single-threaded
 * executor runs a ready queue on one thread; the work-stealing executor gives each
 * {@link dev.weft.scheduler.Worker} a bounded {@link dev.weft.scheduler.LocalQueue} and a LIFO
 * slot, with a shared injection queue for work from other threads and
 * {@link dev.weft.scheduler.IdleWorkers} to park and wake workers.
 *
 * <p>Guarantees: a task is queued at most once at a time and polled by one thread at a time;
 * closing an executor cancels every task it still holds.
 */
package dev.weft.scheduler;
