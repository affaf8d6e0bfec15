/**
 * Non-blocking TCP and UDP: {@link dev.weft.net.TcpListener} accepts connections,
 * {@link dev.weft.net.TcpStream} reads and writes, and {@link dev.weft.net.UdpSocket} sends and
 * receives datagrams, through the reactor thread's {@code Selector}; a
 * {@link dev.weft.net.TcpReader} on a stream reads lines, delimited frames and exact byte counts.
 *
 * <pre>{@code
 * Future<Void> echoOnce(TcpListener listener) {
 *     try (TcpStream conn = await(listener.accept())) {
 *         ByteBuffer buf = ByteBuffer.allocate(1024);
 *         int n = await(conn.read(buf));
 *         buf.flip();
 *         await(conn.writeAll(buf));
 *     } catch (IOException e) {          // every socket future is a FallibleFuture of IOException
 *         log(e);
 *     }
 *     return ready(null);
 * }
 * }</pre>
 *
 * <p>Guarantees: an operation that cannot proceed registers interest and suspends the task; at
 * most one read and one write may be pending per stream; a cancelled operation gives back its
 * interest in the reactor.
 */
package dev.weft.net;
