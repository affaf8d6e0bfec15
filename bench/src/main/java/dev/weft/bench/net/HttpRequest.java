package dev.weft.bench.net;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Locale;

/**
 * What both HTTP servers know of a request: its target, its {@code Content-Length} and whether the
 * client asked to close, read from the request line and header lines (without their CR LF), and
 * the response they send. Parsing is shared so that the servers differ only in how they read and
 * write.
 *
 * <p>The response to {@code GET /path} is {@code 200} with the body {@code "hello /path\n"}; any
 * other method gets {@code 405}. Responses carry {@code Content-Length} and keep the connection
 * open unless the request said {@code Connection: close}.
 */
final class HttpRequest {
    private final String method;
    private final String target;
    private int contentLength;
    private boolean close;

    private HttpRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** The request that {@code requestLine} ({@code GET /x HTTP/1.1}) starts. */
    static HttpRequest start(String requestLine) {
        int first = requestLine.indexOf(' ');
        int second = requestLine.indexOf(' ', first + 1);
        if (first <= 0 || second < 0 || !requestLine.startsWith("HTTP/1.", second + 1)) {
            throw new IllegalArgumentException("not an HTTP/1.x request line: " + requestLine);
        }
        return new HttpRequest(requestLine.substring(0, first), requestLine.substring(first + 1, second));
    }

    /** One header line ({@code Name: value}). */
    void header(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a header line: " + line);
        }
        String name = line.substring(0, colon);
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = Integer.parseInt(line.substring(colon + 1).trim());
        } else if (name.equalsIgnoreCase("Connection")) {
            close = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT).equals("close");
        }
    }

    /** The body's length, which the server reads and drops. */
    int contentLength() {
        return contentLength;
    }

    /** Whether the connection stays open after the response. */
    boolean keepAlive() {
        return !close;
    }

    /** The whole response, status line to body. */
    byte[] response() {
        return method.equals("GET") ? response("200 OK", "hello " + target + "\n") : response("405 Method Not Allowed", "");
    }

    /** The bytes a server sends for {@code status} and {@code body}; the load client expects the same. */
    static byte[] response(String status, String body) {
        return ("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body).getBytes(US_ASCII);
    }
}
