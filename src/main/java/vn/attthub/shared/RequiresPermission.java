package vn.attthub.shared;

import java.lang.annotation.*;

/**
 * Declares the permission an HTTP endpoint needs. Every handler method (or its controller) declares one of
 * {@link RequiresPermission}, {@link AnyAuthenticatedUser} or {@link PublicEndpoint}; a handler that declares
 * none is refused. The agency-scope check on the record itself happens in the module's queries.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {
    Permission value();
}
