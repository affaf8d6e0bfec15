package dev.weft.net;

import dev.weft.woven.Coroutine;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link TcpReader#readExactly}: moves the buffered bytes into its array, then reads the rest
 * from the stream straight into it (never past {@code n}, so what follows stays in the stream).
 * If it ends without all of them (cancelled, end of stream, a failure), it gives back what it
 * moved, so the reader loses nothing.
 */
final class ExactRead extends BufferedRead<byte[]> {
    private byte[] out;
    private ByteBuffer rest; // over out, from the first byte not yet read
    private int got;

    ExactRead(TcpReader reader, int n) {
        super(reader);
        this.out = new byte[n];
    }

    @Override
    Object take() throws IOException {
        if (rest == null) {
            got = Math.min(reader.buffered(), out.length);
            System.arraycopy(reader.bytes(), reader.start(), out, 0, got);
            reader.consume(got);
            rest = ByteBuffer.wrap(out, got, out.length - got);
        }
        if (got == out.length) {
            byte[] done = out;
            out = null;
            return done;
        }
        if (reader.ended()) {
            throw new EOFException("the stream ended after " + got + " of " + out.length + " bytes");
        }
        return Coroutine.SUSPENDED;
    }

    @Override
    int fill() throws IOException {
        if (reader.ended()) {
            return -1;
        }
        int n = reader.stream().inbox().read(rest);
        if (n > 0) {
            got += n;
        } else if (n < 0) {
            reader.markEnded();
        }
        return n;
    }

    @Override
    void release() {
        super.release();
        if (out != null && got > 0) {
            reader.unread(out, got);
        }
        out = null;
    }

    /** Bytes moved into the array so far; for tests. */
    int moved() {
        return got;
    }

    @Override
    public String toString() {
        return "readExactly(" + reader.stream() + ")";
    }
}
