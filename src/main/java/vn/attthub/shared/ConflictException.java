package vn.attthub.shared;

/** The request conflicts with the current state (duplicate code, stale version): 409, or 412 for If-Match. */
public class ConflictException extends RuntimeException {
    private final int status;

    public ConflictException(String message) {
        this(409, message);
    }

    public ConflictException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ConflictException staleVersion() {
        return new ConflictException(412, "The record was changed by someone else; reload it and try again.");
    }

    public int status() {
        return status;
    }
}
