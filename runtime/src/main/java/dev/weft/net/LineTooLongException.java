package dev.weft.net;

import java.io.IOException;

/**
 * A {@link TcpReader} found no line end (or delimiter) within its limit. The bytes read stay
 * buffered in the reader; a server usually answers with an error and closes the connection.
 *
 * <pre>{@code
 * try {
 *     line = await(in.readLine());
 * } catch (LineTooLongException e) {
 *     await(conn.writeAll(ByteBuffer.wrap(HEADER_TOO_LARGE)));   // e.g. HTTP 431
 *     conn.close();
 * }
 * }</pre>
 */
public class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int maxBytes;

    public LineTooLongException(int maxBytes) {
        super("no line end within " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The limit the line went past, in bytes, not counting the line end. */
    public int maxBytes() {
        return maxBytes;
    }
}
