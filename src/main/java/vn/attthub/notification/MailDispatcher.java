package vn.attthub.notification;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Drains the e-mail outbox. Each round claims due PENDING e-mail deliveries with {@code FOR UPDATE SKIP LOCKED},
 * counts the attempt and leases them (pushes {@code next_attempt_at} out by the lease) in one short transaction, then
 * sends them outside any transaction, so several instances never send the same delivery twice and an instance that
 * dies mid-send leaves its deliveries to be retried when the lease ends. A delivery is one message to all the
 * addresses of a notification (V123). A failure reschedules it with exponential backoff for the addresses not yet
 * reached; an address that cannot be valid is dropped at once; after {@code max-attempts}, or when no address is
 * left and none was reached, it is FAILED.
 * Without an SMTP host ({@code spring.mail.host}) there is no mail sender: e-mail deliveries stay PENDING, untouched,
 * and go out once a host is configured (in-app deliveries are not affected).
 */
@Component
class MailDispatcher {
    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<JavaMailSender> senders;
    private final Settings settings;

    record Settings(String from, int batchSize, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                    Duration lease) {
    }

    @Autowired
    MailDispatcher(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> senders,
                   @Value("${attt.notification.mail.from:ATTT Hub <no-reply@attt-hub.local>}") String from,
                   @Value("${attt.notification.mail.batch-size:50}") int batchSize,
                   @Value("${attt.notification.mail.max-attempts:8}") int maxAttempts,
                   @Value("${attt.notification.mail.initial-backoff:PT1M}") Duration initialBackoff,
                   @Value("${attt.notification.mail.max-backoff:PT6H}") Duration maxBackoff,
                   @Value("${attt.notification.mail.lease:PT5M}") Duration lease) {
        this(jdbc, tx, senders, new Settings(from, batchSize, maxAttempts, initialBackoff, maxBackoff, lease));
    }

    MailDispatcher(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> senders, Settings settings) {
        if (settings.batchSize() < 1 || settings.maxAttempts() < 1) {
            throw new IllegalArgumentException("attt.notification.mail.batch-size and max-attempts must be at least 1");
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.senders = senders;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (senders.getIfAvailable() == null) {
            log.info("No SMTP host configured (spring.mail.host): notification e-mails stay PENDING in the outbox "
                    + "and are sent once a host is configured; in-app notifications work as usual.");
        }
    }

    @Scheduled(initialDelayString = "${attt.notification.mail.poll-interval:PT15S}",
            fixedDelayString = "${attt.notification.mail.poll-interval:PT15S}")
    void scheduled() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) return;
        int sent;
        do {
            sent = dispatch(sender, Instant.now());
        } while (sent == settings.batchSize());
    }

    record Claimed(UUID id, List<String> addresses, String subject, String body, int attempts, boolean delivered) {
    }

    /**
     * What an attempt leaves to do: the addresses still to try (empty when done), whether any address has received
     * the message by now, and the error to record (null when none).
     */
    record Outcome(List<String> remaining, boolean delivered, String error) {
    }

    /** One round at {@code now}: claims up to a batch of due e-mails and tries each once; returns how many it claimed. */
    int dispatch(JavaMailSender sender, Instant now) {
        List<Claimed> claimed = tx.execute(status -> {
            List<Claimed> rows = jdbc.sql("""
                            SELECT d.id, d.addresses, n.subject, n.body, d.attempts + 1, d.sent_at IS NOT NULL
                            FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
                            WHERE d.channel = 'EMAIL' AND d.status = 'PENDING' AND d.next_attempt_at <= :now
                            ORDER BY d.next_attempt_at LIMIT :limit
                            FOR UPDATE OF d SKIP LOCKED""")
                    .param("now", Timestamp.from(now)).param("limit", settings.batchSize())
                    .query((rs, i) -> new Claimed(rs.getObject(1, UUID.class),
                            List.of((String[]) rs.getArray(2).getArray()), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getBoolean(6)))
                    .list();
            for (Claimed c : rows) {
                jdbc.sql("UPDATE notification_delivery SET attempts = :attempts, next_attempt_at = :lease WHERE id = :id")
                        .param("attempts", c.attempts()).param("lease", Timestamp.from(now.plus(settings.lease())))
                        .param("id", c.id()).update();
            }
            return rows;
        });
        for (Claimed c : claimed) {
            Outcome outcome = attempt(sender, c);
            boolean done = outcome.remaining().isEmpty();
            boolean giveUp = !done && c.attempts() >= settings.maxAttempts();
            String status = done || giveUp ? (outcome.delivered() && done ? "SENT" : "FAILED") : "PENDING";
            jdbc.sql("""
                            UPDATE notification_delivery SET status = :status, addresses = CAST(:addresses AS text[]),
                                   last_error = :error, next_attempt_at = :next,
                                   sent_at = CASE WHEN :delivered THEN coalesce(sent_at, :now) END
                            WHERE id = :id""")
                    .param("status", status)
                    .param("addresses", Notifications.arrayLiteral(done ? c.addresses() : outcome.remaining()))
                    .param("error", outcome.error(), java.sql.Types.VARCHAR)
                    .param("next", status.equals("PENDING") ? Timestamp.from(now.plus(backoff(c.attempts()))) : null,
                            java.sql.Types.TIMESTAMP)
                    .param("delivered", outcome.delivered()).param("now", Timestamp.from(Instant.now()))
                    .param("id", c.id()).update();
            if (status.equals("FAILED")) {
                log.warn("Notification e-mail {} failed for good after {} attempt(s): {}", c.id(), c.attempts(),
                        outcome.error());
            } else if (outcome.error() != null) {
                log.info("Notification e-mail {} attempt {}: {}", c.id(), c.attempts(), outcome.error());
            }
        }
        return claimed.size();
    }

    /**
     * Sends {@code c} once, to all its addresses in one message. An address that cannot be valid, or that the server
     * refuses as such, is dropped for good (and named in the error); the others are retried when the server could not
     * take them, or when the whole attempt failed (server down, timeout).
     */
    private Outcome attempt(JavaMailSender sender, Claimed c) {
        List<InternetAddress> valid = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String address : c.addresses()) {
            try {
                valid.add(new InternetAddress(address, true));
            } catch (AddressException e) {
                refused.add(address);
            }
        }
        if (valid.isEmpty()) return new Outcome(List.of(), c.delivered(), refusedError(refused, null));
        try {
            sender.send(mime(sender, valid, c));
            return new Outcome(List.of(), true, refusedError(refused, null));
        } catch (Exception e) {
            SendFailedException failed = cause(e, SendFailedException.class);
            if (failed != null && (failed.getValidSentAddresses() != null || failed.getInvalidAddresses() != null)) {
                for (Address a : orNone(failed.getInvalidAddresses())) refused.add(a.toString());
                List<String> unsent = new ArrayList<>();
                for (Address a : orNone(failed.getValidUnsentAddresses())) unsent.add(a.toString());
                boolean delivered = c.delivered() || orNone(failed.getValidSentAddresses()).length > 0;
                return new Outcome(unsent, delivered, refusedError(refused, unsent.isEmpty() ? null : describe(e)));
            }
            List<String> again = valid.stream().map(InternetAddress::toString).toList();
            return new Outcome(again, c.delivered(), refusedError(refused, describe(e)));
        }
    }

    private static Address[] orNone(Address[] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }

    /** The error to record: the addresses refused for good (AddressException: they cannot be valid), then {@code cause}. */
    private static String refusedError(List<String> refused, String cause) {
        String error = refused.isEmpty() ? null : "AddressException: not delivered to " + String.join(", ", refused);
        if (cause != null) error = error == null ? cause : error + "; " + cause;
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    /** The wait after the {@code attempts}-th failure: initial × 2^(attempts-1), at most max-backoff. */
    Duration backoff(int attempts) {
        Duration d = settings.initialBackoff();
        for (int i = 1; i < attempts && d.compareTo(settings.maxBackoff()) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private MimeMessage mime(JavaMailSender sender, List<InternetAddress> to, Claimed c) throws Exception {
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(to.toArray(InternetAddress[]::new));
        helper.setSubject(c.subject());
        helper.setText(c.body(), false);
        mime.setHeader("Auto-Submitted", "auto-generated");
        return mime;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
            if (t instanceof org.springframework.mail.MailSendException m) {
                for (Exception failed : m.getFailedMessages().values()) {
                    T found = cause(failed, type);
                    if (found != null) return found;
                }
            }
        }
        return null;
    }

    /** What went wrong, for operators: the exception types and messages, never credentials. */
    static String describe(Throwable e) {
        if (e instanceof MailAuthenticationException) return "SMTP authentication failed (check spring.mail.username/password)";
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!s.isEmpty()) s.append(" <- ");
            s.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) s.append(": ").append(t.getMessage().replaceAll("\\s+", " "));
        }
        return s.length() > 500 ? s.substring(0, 500) : s.toString();
    }
}
