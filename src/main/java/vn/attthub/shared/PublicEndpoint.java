package vn.attthub.shared;

import java.lang.annotation.*;

/** The endpoint needs no sign-in (login pages, health). */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicEndpoint {
}
