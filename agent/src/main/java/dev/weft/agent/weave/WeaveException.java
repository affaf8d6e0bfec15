package dev.weft.agent.weave;

/** Why a class could not be woven; the class is then left as it was and the reason logged. */
public final class WeaveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WeaveException(String message) {
        super(message);
    }

    public WeaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
