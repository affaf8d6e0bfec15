package dev.weft.sync;

import dev.weft.AsyncStream;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.Item;
import dev.weft.Poll;

/**
 * A channel's receiving side as an {@link AsyncStream}, and a stream sent into a channel: the two
 * meet the same way a producer and a consumer task would.
 *
 * <pre>{@code
 * Channel<Job> jobs = Channel.bounded(16);
 * Async.spawn(ChannelStream.sendAll(pending(), jobs));    // closes jobs when pending() ends
 * await(ChannelStream.receiving(jobs).map(Job::run).toList());
 * }</pre>
 */
public final class ChannelStream<T> extends AsyncStream<T> implements FallibleFuture<Item<T>, Exception>, Cancellable {
    private final Channel<T> channel;
    private Future<T> receive;
    private boolean ended;

    private ChannelStream(Channel<T> channel) {
        this.channel = channel;
    }

    /**
     * The elements received from {@code channel}, ending when it is closed and drained. Another
     * receiver of the same channel competes for its elements as usual. Closing the stream
     * cancels its pending receive (which gives a handed element back) and leaves the channel open.
     */
    public static <T> AsyncStream<T> receiving(Channel<T> channel) {
        return new ChannelStream<>(channel);
    }

    /**
     * Sends every element of {@code stream} into {@code channel}, waiting while a bounded channel
     * is full, and closes the channel when the stream ends, or fails (the future then fails with
     * the stream's failure). Cancelling the future closes the stream and the channel.
     */
    public static <T> Future<Void> sendAll(AsyncStream<? extends T> stream, Channel<T> channel) {
        return new StreamSender<>(stream, channel);
    }

    @Override
    public Future<Item<T>> next() {
        return this;
    }

    @Override
    public Poll<Item<T>> poll(Context cx) {
        if (ended) {
            return end();
        }
        if (receive == null) {
            receive = channel.receive();
        }
        Poll<T> p;
        try {
            p = receive.poll(cx);
        } catch (ChannelClosedException drained) {
            receive = null;
            ended = true;
            return end();
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        receive = null;
        return Poll.ready(Item.of(p.value()));
    }

    @Override
    public void cancel() {
        close();
    }

    @Override
    public void close() {
        ended = true;
        if (receive != null) {
            Cancellable.cancel(receive);
            receive = null;
        }
    }
}
