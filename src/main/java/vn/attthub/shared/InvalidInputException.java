package vn.attthub.shared;

import java.util.List;

/** A business-rule violation on input, reported as 400 (or 409/422 by status) with field paths. */
public class InvalidInputException extends RuntimeException {
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;
    private final int status;

    public InvalidInputException(String message, List<FieldError> errors) {
        this(400, message, errors);
    }

    public InvalidInputException(int status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException(message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    public int status() {
        return status;
    }
}
