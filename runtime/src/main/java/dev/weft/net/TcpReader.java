package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.FallibleFuture;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Buffered reads on a {@link TcpStream}: lines, delimited frames and exact byte counts, each one
 * future however many socket reads it takes. The bytes after what a call returns stay in this
 * reader's buffer for the next call, so a protocol server reads a request line by line without a
 * future per socket read and without losing what arrived with it.
 *
 * <pre>{@code
 * Future<Void> shout(TcpStream s) {
 *     TcpReader in = new TcpReader(s);
 *     try (s) {
 *         String line;
 *         while ((line = await(in.readLine())) != null) {     // null: the peer ended the stream
 *             byte[] reply = (line.toUpperCase() + "\r\n").getBytes(UTF_8);
 *             await(s.writeAll(ByteBuffer.wrap(reply)));
 *         }
 *     } catch (LineTooLongException e) {
 *         log("dropping a client that sent " + e.maxBytes() + "+ bytes without a line end");
 *     } catch (IOException e) {                               // a reset, or EOF inside a line
 *         log(e);
 *     }
 *     return ready(null);
 * }
 * }</pre>
 *
 * <p>End of stream is never a short answer. {@link #readLine()} and {@link #readUntil(byte)}
 * complete with {@code null} when the stream ends between lines, and fail with
 * {@link EOFException} when it ends inside one; {@link #readExactly(int)} fails with
 * {@code EOFException} unless all its bytes arrived. After such a failure, and after a
 * {@link LineTooLongException}, the bytes that were read stay buffered ({@link #buffered()}).
 *
 * <p>A cancelled read (by {@code Timer.timeout}, {@code Select}, a cancelled task) takes nothing:
 * the bytes it had read are the next read's. Once a stream has a reader, read it only through
 * the reader (the stream's own {@code read} would skip what the reader buffered), and with one
 * read pending at a time. Writes go to the stream as before.
 *
 * <p>The buffer holds {@code maxLineBytes + 2} bytes (a longest line, CR and LF), allocated with
 * the reader.
 */
public final class TcpReader {
    /** The longest line {@link #TcpReader(TcpStream)} accepts, in bytes, without its line end. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8192;

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final TcpStream stream;
    private final int maxLineBytes;
    private byte[] bytes;
    private ByteBuffer free; // over bytes; positioned at end before each fill
    private int start; // first unread byte
    private int end; // one past the last buffered byte
    private boolean ended; // the stream reported end of stream: nothing more comes

    /** A reader of lines up to {@value #DEFAULT_MAX_LINE_BYTES} bytes. */
    public TcpReader(TcpStream stream) {
        this(stream, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * A reader of lines (and delimited frames) up to {@code maxLineBytes} bytes, not counting the
     * line end; a longer one fails with {@link LineTooLongException}.
     *
     * <pre>{@code
     * TcpReader in = new TcpReader(conn, 1024);   // a request line of 1 KiB is plenty here
     * }</pre>
     */
    public TcpReader(TcpStream stream, int maxLineBytes) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (maxLineBytes < 1 || maxLineBytes > Integer.MAX_VALUE - 2) {
            throw new IllegalArgumentException("maxLineBytes must be from 1 to Integer.MAX_VALUE - 2: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.bytes = new byte[maxLineBytes + 2];
        this.free = ByteBuffer.wrap(bytes);
    }

    /**
     * A future of the next line, decoded as UTF-8, without its line end (LF, or CR LF). It
     * completes with {@code null} if the stream ends before the line's first byte, and fails with
     * {@link EOFException} if it ends inside the line, or with {@link LineTooLongException} if no
     * line end comes within the limit.
     *
     * <pre>{@code
     * String requestLine = await(in.readLine());   // "GET /index.html HTTP/1.1"
     * }</pre>
     */
    public FallibleFuture<String, IOException> readLine() {
        return new DelimitedRead<>(this, LF, true, (b, off, len) -> new String(b, off, len, UTF_8));
    }

    /**
     * A future of the bytes before the next {@code delimiter}, which is read and dropped. Like
     * {@link #readLine()}: {@code null} if the stream ends first, {@link EOFException} if it ends
     * after some bytes of the frame, {@link LineTooLongException} past the limit.
     *
     * <pre>{@code
     * byte[] record = await(in.readUntil((byte) 0));   // NUL-terminated records
     * }</pre>
     */
    public FallibleFuture<byte[], IOException> readUntil(byte delimiter) {
        return new DelimitedRead<>(this, delimiter, false, (b, off, len) -> Arrays.copyOfRange(b, off, off + len));
    }

    /**
     * A future of exactly the next {@code n} bytes, which may be more than the buffer holds; it
     * fails with {@link EOFException} if the stream ends first (the bytes read stay buffered).
     *
     * <pre>{@code
     * byte[] body = await(in.readExactly(contentLength));
     * }</pre>
     */
    public FallibleFuture<byte[], IOException> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        return new ExactRead(this, n);
    }

    /** How many bytes are buffered, read from the stream and not yet returned. */
    public int buffered() {
        return end - start;
    }

    /** The stream this reader reads. */
    public TcpStream stream() {
        return stream;
    }

    int maxLineBytes() {
        return maxLineBytes;
    }

    byte[] bytes() {
        return bytes;
    }

    int start() {
        return start;
    }

    boolean ended() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }

    /** Takes {@code n} buffered bytes as read. */
    void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /**
     * One read from the stream into the buffer's free end, moving the buffered bytes to the front
     * first if the end is full: the count, -1 at end of stream, 0 if nothing is there now.
     */
    int fill() throws IOException {
        if (ended) {
            return -1;
        }
        if (end == bytes.length && start > 0) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
        }
        free.limit(bytes.length).position(end);
        int n = stream.inbox().read(free);
        if (n > 0) {
            end += n;
        } else if (n < 0) {
            ended = true;
        }
        return n;
    }

    /**
     * Puts {@code b[0, len)} back in front of the buffered bytes, growing the buffer if it must: a
     * read that moved bytes out of the buffer and then did not complete gives them back.
     */
    void unread(byte[] b, int len) {
        int held = end - start;
        if (len <= start) {
            start -= len;
        } else {
            byte[] grown = len + held <= bytes.length ? bytes : new byte[len + held];
            System.arraycopy(bytes, start, grown, len, held);
            if (grown != bytes) {
                bytes = grown;
                free = ByteBuffer.wrap(grown);
            }
            start = 0;
            end = len + held;
        }
        System.arraycopy(b, 0, bytes, start, len);
    }
}
