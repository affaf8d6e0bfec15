package dev.weft.sync;

/**
 * Says a channel is closed: a receive fails with it once the channel is closed and drained, a send
 * fails with it once the channel is closed. It is how a receive loop learns the stream ended.
 *
 * <pre>{@code
 * try {
 *     for (;;) {
 *         handle(await(channel.receive()));
 *     }
 * } catch (ChannelClosedException end) {
 *     // every element sent before close() was received
 * }
 * }</pre>
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ChannelClosedException(String message) {
        super(message);
    }
}
