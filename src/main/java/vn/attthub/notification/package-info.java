/**
 * Notifications: messages to agencies and users, delivered in-app and by e-mail through a durable outbox with
 * per-recipient state and retry, from Vietnamese templates. Other modules hand it a {@link vn.attthub.notification.Message}
 * inside their own transaction; nothing is lost when the mail server is down.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "organisation", "identity"})
package vn.attthub.notification;
