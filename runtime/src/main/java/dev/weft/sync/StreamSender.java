package dev.weft.sync;

import dev.weft.AsyncStream;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Item;
import dev.weft.Poll;

/**
 * {@link ChannelStream#sendAll}: alternates between waiting for the stream's next element and
 * waiting for the channel to take it, so the stream is never asked for more than the channel has
 * room for.
 */
final class StreamSender<T> implements Future<Void>, Cancellable {
    private final AsyncStream<? extends T> stream;
    private final Channel<T> channel;
    private Future<? extends Item<? extends T>> next;
    private Future<Void> send;

    StreamSender(AsyncStream<? extends T> stream, Channel<T> channel) {
        this.stream = stream;
        this.channel = channel;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        try {
            for (;;) {
                if (send != null) {
                    if (send.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    send = null;
                }
                if (next == null) {
                    next = stream.next();
                }
                Poll<? extends Item<? extends T>> p = next.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                next = null;
                if (!p.value().present()) {
                    channel.close();
                    return Poll.ready(null);
                }
                send = channel.send(p.value().value());
            }
        } catch (RuntimeException | Error failure) {
            stream.close();
            channel.close();
            throw failure;
        }
    }

    @Override
    public void cancel() {
        if (send != null) {
            Cancellable.cancel(send);
        }
        stream.close();
        channel.close();
    }
}
