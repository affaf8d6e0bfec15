package dev.weft.net;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Socket options to set on a socket before it binds or connects, for the options that only take
 * effect then: {@code SO_REUSEADDR} before a listener binds, {@code SO_RCVBUF} before a connect
 * (the kernel picks the TCP window scale from it during the handshake). Immutable; each
 * {@link #with} returns a copy. Options that can change later are also set and read on an open
 * socket: {@link TcpStream#setOption}, {@link TcpListener#setOption}, {@link UdpSocket#setOption}.
 *
 * <pre>{@code
 * SocketOptions bulk = SocketOptions.none()
 *         .with(StandardSocketOptions.SO_RCVBUF, 4 << 20)
 *         .with(StandardSocketOptions.SO_KEEPALIVE, true);
 * TcpStream s = await(TcpStream.connect(server, bulk));
 * TcpListener l = TcpListener.bind(address, SocketOptions.none().with(StandardSocketOptions.SO_REUSEADDR, true));
 * }</pre>
 *
 * <p>The operating system may adjust a value: Linux doubles a buffer size it is given and reports
 * the doubled size. An option the socket does not support fails the bind or connect with
 * {@link UnsupportedOperationException}, naming it.
 */
public final class SocketOptions {
    private static final SocketOptions NONE = new SocketOptions(List.of());

    private record Setting<T>(SocketOption<T> option, T value) {
        void applyTo(NetworkChannel channel) throws IOException {
            channel.setOption(option, value);
        }
    }

    private final List<Setting<?>> settings;

    private SocketOptions(List<Setting<?>> settings) {
        this.settings = settings;
    }

    /** No options: the operating system's defaults. */
    public static SocketOptions none() {
        return NONE;
    }

    /** These options and {@code option} set to {@code value} (replacing an earlier value of it). */
    public <T> SocketOptions with(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        List<Setting<?>> copy = new ArrayList<>(settings.size() + 1);
        for (Setting<?> s : settings) {
            if (!s.option().equals(option)) {
                copy.add(s);
            }
        }
        copy.add(new Setting<>(option, value));
        return new SocketOptions(Collections.unmodifiableList(copy));
    }

    void applyTo(NetworkChannel channel) throws IOException {
        for (Setting<?> s : settings) {
            s.applyTo(channel);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SocketOptions[");
        for (int i = 0; i < settings.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(settings.get(i).option().name()).append('=').append(settings.get(i).value());
        }
        return b.append(']').toString();
    }
}
