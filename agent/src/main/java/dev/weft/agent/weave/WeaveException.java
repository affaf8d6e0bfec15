package dev.weft.agent.weave;

/**
 * Why a class could not be woven. The class then loads unwoven: its original code, with each
 * {@code await} replaced by a throw of "weaving FAILED at Class.method(File.java:line): why", and
 * the same reason logged when it loads.
 */
public final class WeaveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WeaveException(String message) {
        super(message);
    }

    public WeaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
