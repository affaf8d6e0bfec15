package dev.weft.net;

import dev.weft.woven.Coroutine;
import java.io.EOFException;
import java.io.IOException;

/**
 * {@link TcpReader#readLine} and {@link TcpReader#readUntil}: the bytes before a delimiter. It
 * remembers how far it has searched, so a line that arrives a byte per packet costs one pass.
 */
final class DelimitedRead<T> extends BufferedRead<T> {
    /** Turns the frame's bytes into the answer. */
    interface Decoder<T> {
        T decode(byte[] b, int offset, int length);
    }

    private final byte delimiter;
    private final boolean line; // a CR before the LF is part of the line end
    private final Decoder<T> decoder;
    private int searched; // bytes from the reader's start already known not to be the delimiter

    DelimitedRead(TcpReader reader, byte delimiter, boolean line, Decoder<T> decoder) {
        super(reader);
        this.delimiter = delimiter;
        this.line = line;
        this.decoder = decoder;
    }

    @Override
    Object take() throws IOException {
        int max = reader.maxLineBytes();
        // The longest frame is max bytes, plus the delimiter, plus a CR before it for a line.
        int window = Math.min(reader.buffered(), max + (line ? 2 : 1));
        byte[] b = reader.bytes();
        int start = reader.start();
        for (int i = searched; i < window; i++) {
            if (b[start + i] == delimiter) {
                int length = line && i > 0 && b[start + i - 1] == '\r' ? i - 1 : i;
                if (length > max) {
                    throw new LineTooLongException(max);
                }
                T value = decoder.decode(b, start, length);
                reader.consume(i + 1);
                return value;
            }
        }
        searched = window;
        if (window == max + (line ? 2 : 1)) {
            throw new LineTooLongException(max);
        }
        if (reader.ended()) {
            if (window == 0) {
                return null;
            }
            throw new EOFException("the stream ended inside a " + (line ? "line" : "frame") + ", after "
                    + window + " bytes without " + (line ? "a line end" : "the delimiter"));
        }
        return Coroutine.SUSPENDED;
    }

    @Override
    public String toString() {
        return (line ? "readLine(" : "readUntil(") + reader.stream() + ")";
    }
}
