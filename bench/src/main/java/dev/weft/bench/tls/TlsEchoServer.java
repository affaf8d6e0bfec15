package dev.weft.bench.tls;

import java.net.InetSocketAddress;

/** A TLS echo server under test: listens on loopback until closed. */
interface TlsEchoServer extends AutoCloseable {
    InetSocketAddress address();

    /** Stops accepting and waits for every connection to end (call it after the client closed). */
    @Override
    void close() throws Exception;
}
