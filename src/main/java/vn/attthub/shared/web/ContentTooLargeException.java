package vn.attthub.shared.web;

/** A request body is larger than the platform accepts; answered with 413 problem+json. */
public class ContentTooLargeException extends RuntimeException {
    private final long limit;

    public ContentTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
