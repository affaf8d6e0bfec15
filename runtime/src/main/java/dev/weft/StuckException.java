package dev.weft;

import java.time.Duration;

/**
 * {@link Async#blockOn(Future, Duration)} waited its whole timeout and the future was still
 * pending. The message holds where the future stands and a {@link TaskDump} of every live task,
 * taken at that moment: what a test needs when something hangs.
 *
 * <pre>{@code
 * void replies() {   // a test
 *     String reply = Async.blockOn(client.call("ping"), Duration.ofSeconds(5));
 *     // on a hang: dev.weft.StuckException: Async.blockOn gave up after 5000 ms ...
 *     //     task 3 (server) on weft-default-1: suspended
 *     //         at com.example.Server.serve(Server.java:40)
 *     //         waits on: channel, waiting to receive: 0 of 16 elements, ...
 * }
 * }</pre>
 */
public final class StuckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TaskDump dump;

    StuckException(String message, TaskDump dump) {
        super(message);
        this.dump = dump;
    }

    /** The dump the message was written from; null after deserialization. */
    public TaskDump dump() {
        return dump;
    }
}
