package vn.attthub.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a POST handler of {@code /api/v1}: with an {@code Idempotency-Key}, its changes and the stored answer commit in
 * one transaction ({@link IdempotencyKeys}), so a crash can never leave the one without the other, and the request
 * costs one commit instead of two. Only for handlers that do all their work in one transaction (their
 * {@code @Transactional} services join it): a failure answered with a 4xx rolls everything back, as such a handler's
 * own transaction would.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdempotentWithItsAnswer {
}
