/**
 * The reactor thread behind {@code dev.weft.time} and {@code dev.weft.net}; not exported.
 *
 * <p>{@link dev.weft.reactor.Reactor} owns one {@code Selector} and one
 * {@link dev.weft.reactor.TimerWheel}; it sleeps in {@code select} until the next timer deadline
 * or an I/O event, then wakes the tasks concerned. {@link dev.weft.reactor.TimerEntry} is a timer's
 * slot in the wheel; {@link dev.weft.reactor.IoRegistration} is a channel's interest set and the
 * wakers waiting on it.
 *
 * <p>Guarantees: the reactor never runs user code (wakers only queue tasks); other threads hand it
 * timers and commands through a lock-free queue and wake it only when it said it would block.
 */
package dev.weft.reactor;
