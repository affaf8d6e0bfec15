package dev.weft.bench.net;

import java.net.InetSocketAddress;

/** A loopback server under test (echo or HTTP), on a free port. */
interface LoopbackServer extends AutoCloseable {
    /** Where the client connects. */
    InetSocketAddress address();

    /**
     * Stops accepting and waits until every connection's task or thread has finished. Call it after
     * the client closed its connections, so each server-side loop ends on end of stream.
     */
    @Override
    void close() throws Exception;
}
