package vn.attthub.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a POST handler of {@code /api/v1}: with an {@code Idempotency-Key}, its changes and the stored answer commit
 * together in a {@link vn.attthub.shared.GroupCommit} with other requests ({@link IdempotencyKeys}), so a crash can
 * never leave the one without the other, and many requests share one commit. The key is not claimed beforehand: of
 * concurrent requests with one key, the first to commit keeps its changes and the others replay its answer.
 * <p>
 * Only for handlers that write everything through {@link vn.attthub.shared.GroupCommit#write} (a statement the handler
 * ran itself would commit on its own) and whose effects outside the database wait for the commit
 * ({@link vn.attthub.shared.GroupCommit#afterCommit}). An answer other than a 2xx drops the changes, as a rollback.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdempotentWithItsAnswer {
}
