package vn.attthub.shared;

import java.lang.annotation.*;

/** The endpoint is open to every signed-in user (it shows only the caller's own data). */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AnyAuthenticatedUser {
}
