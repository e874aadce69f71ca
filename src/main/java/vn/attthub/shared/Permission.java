package vn.attthub.shared;

/**
 * What a caller may do. A permission is always held within agency subtrees (see {@link CurrentUser#scopeOf}).
 * Modules add their own constants as their capabilities appear.
 */
public enum Permission {
    AGENCY_READ,
    AGENCY_MANAGE,
    USER_READ,
    USER_MANAGE,
    API_TOKEN_MANAGE,
    AUDIT_READ
}
