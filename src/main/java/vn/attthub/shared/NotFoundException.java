package vn.attthub.shared;

/**
 * The record does not exist <em>or</em> lies outside the caller's agency scope: both answer 404, so that a
 * caller cannot learn that another agency's record exists.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
