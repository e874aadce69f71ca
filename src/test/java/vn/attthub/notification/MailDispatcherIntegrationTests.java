package vn.attthub.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;

import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-mail outbox worker against a real SMTP server (GreenMail): retry with backoff, giving up, Vietnamese text. */
@IntegrationTest
class MailDispatcherIntegrationTests {
    static final MailDispatcher.Settings SETTINGS = new MailDispatcher.Settings("ATTT Hub <no-reply@attt-hub.local>",
            500, 3, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(5));
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @LocalServerPort
    int port;
    GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) greenMail.stop();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    GreenMail startSmtp(int smtpPort) {
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    static JavaMailSenderImpl sender(int smtpPort) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        sender.setDefaultEncoding("UTF-8");
        Properties p = new Properties();
        p.put("mail.smtp.connectiontimeout", "2000");
        p.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(p);
        return sender;
    }

    MailDispatcher dispatcher(MailDispatcher.Settings settings) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        return new MailDispatcher(jdbc, tx, beans.getBeanProvider(JavaMailSender.class), settings);
    }

    /** A new agency with one user; sends it a Vietnamese message and returns the user's e-mail address. */
    String queueMessage() {
        TestCallers c = new TestCallers(jdbc, port);
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Thư Điện Tử");
        TestCallers.Caller user = c.caller(agency, null);
        notifications.send(new Message("test-greeting", AgencyId.of(agency.id()),
                Map.of("title", "Cảnh báo lỗ hổng nghiêm trọng", "who", "Trưởng phòng Công nghệ thông tin"),
                "/incidents/7", null));
        return user.username() + "@test.local";
    }

    record Row(String status, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {
    }

    Row row(String email) {
        return jdbc.sql("SELECT status, attempts, next_attempt_at, last_error, sent_at FROM notification_delivery"
                        + " WHERE channel = 'EMAIL' AND ? = ANY (addresses)").params(email)
                .query((rs, i) -> new Row(rs.getString(1), rs.getInt(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .single();
    }

    List<MimeMessage> receivedBy(String email) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(email))) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void anEmailQueuedWhileTheServerIsDownIsRetriedWithBackoffAndArrivesIntactInVietnameseOnceItIsUp() throws Exception {
        String email = queueMessage();
        int smtpPort = freePort();
        MailDispatcher dispatcher = dispatcher(SETTINGS);
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        dispatcher.dispatch(sender(smtpPort), t0);
        Row failed = row(email);
        assertThat(failed.status()).isEqualTo("PENDING");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("MailSendException").doesNotContain("password");
        assertThat(failed.nextAttemptAt()).isEqualTo(t0.plus(Duration.ofMinutes(1)));

        startSmtp(smtpPort);
        dispatcher.dispatch(sender(smtpPort), t0.plusSeconds(30));
        assertThat(row(email).attempts()).as("not retried before its backoff ends").isEqualTo(1);
        assertThat(receivedBy(email)).isEmpty();

        dispatcher.dispatch(sender(smtpPort), t0.plusSeconds(61));
        Row sent = row(email);
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
        assertThat(sent.sentAt()).isNotNull();
        List<MimeMessage> received = receivedBy(email);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Thông báo thử: Cảnh báo lỗ hổng nghiêm trọng");
        assertThat((String) received.get(0).getContent())
                .contains("Xin chào Trưởng phòng Công nghệ thông tin",
                        "Đầu mối ứng cứu sự cố 24/7, Ủy ban nhân dân tỉnh Đắk Lắk",
                        "http://localhost:8080/incidents/7");
        assertThat(received.get(0).getFrom()[0].toString()).contains("no-reply@attt-hub.local");

        dispatcher.dispatch(sender(smtpPort), t0.plus(Duration.ofHours(1)));
        assertThat(receivedBy(email)).as("a sent e-mail is not sent again").hasSize(1);
    }

    @Test
    void afterMaxAttemptsTheDeliveryIsFailedForGood() throws Exception {
        String email = queueMessage();
        int smtpPort = freePort();
        MailDispatcher dispatcher = dispatcher(SETTINGS);
        Instant t = Instant.now();
        dispatcher.dispatch(sender(smtpPort), t);
        t = t.plus(Duration.ofMinutes(1));
        dispatcher.dispatch(sender(smtpPort), t);
        assertThat(row(email).status()).isEqualTo("PENDING");
        assertThat(row(email).nextAttemptAt()).isAfterOrEqualTo(t.plus(Duration.ofMinutes(2)).minusMillis(1));
        t = t.plus(Duration.ofMinutes(2));
        dispatcher.dispatch(sender(smtpPort), t);
        Row failed = row(email);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(failed.lastError()).isNotBlank();

        startSmtp(smtpPort);
        dispatcher.dispatch(sender(smtpPort), t.plus(Duration.ofDays(1)));
        assertThat(receivedBy(email)).isEmpty();
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        MailDispatcher dispatcher = dispatcher(SETTINGS);
        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(dispatcher.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(dispatcher.backoff(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(dispatcher.backoff(60)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anAddressThatCannotBeValidFailsAtOnce() throws Exception {
        String email = queueMessage();
        jdbc.sql("UPDATE notification_delivery SET addresses = ARRAY['khong hop le@@example..vn'] WHERE ? = ANY (addresses)")
                .params(email).update();
        int smtpPort = freePort();
        startSmtp(smtpPort);
        dispatcher(SETTINGS).dispatch(sender(smtpPort), Instant.now());
        Row row = row("khong hop le@@example..vn");
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("AddressException");
    }

    @Test
    void withoutAnSmtpHostTheScheduledWorkerLeavesEmailsPending() {
        String email = queueMessage();
        dispatcher(SETTINGS).scheduled();
        Row row = row(email);
        assertThat(row.status()).isEqualTo("PENDING");
        assertThat(row.attempts()).isZero();
    }

    @Test
    void twoInstancesDrainingTheOutboxTogetherSendEachEmailOnce() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 6; i++) emails.add(queueMessage());
        int smtpPort = freePort();
        startSmtp(smtpPort);
        MailDispatcher.Settings small = new MailDispatcher.Settings(SETTINGS.from(), 2, 3, Duration.ofMinutes(1),
                Duration.ofMinutes(10), Duration.ofMinutes(5));
        Instant now = Instant.now().plus(Duration.ofDays(2));
        Runnable drain = () -> {
            MailDispatcher d = dispatcher(small);
            while (d.dispatch(sender(smtpPort), now) > 0) {
                Thread.onSpinWait();
            }
        };
        CompletableFuture.allOf(CompletableFuture.runAsync(drain), CompletableFuture.runAsync(drain)).get();
        for (String email : emails) {
            assertThat(receivedBy(email)).as(email).hasSize(1);
            assertThat(row(email).status()).isEqualTo("SENT");
        }
    }

    /**
     * One message to every address of the agency (V123): its users and its 24/7 contact read the same e-mail; an
     * address that cannot be valid is left out and named, and does not hold the others back.
     */
    @Test
    void oneEmailReachesEveryAddressOfTheAgencyAndAMalformedOneIsLeftOut() throws Exception {
        TestCallers c = new TestCallers(jdbc, port);
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Lào Cai (thư chung)");
        TestCallers.Caller first = c.caller(agency, null);
        TestCallers.Caller second = c.caller(agency, null);
        NotificationsIntegrationTests.contact(jdbc, agency.id(), "IR_CONTACT_24X7", "truc-24-7@laocai.example.vn");
        notifications.send(new Message("test-greeting", AgencyId.of(agency.id()),
                Map.of("title", "Cảnh báo chiến dịch APT", "who", "Đội ứng cứu sự cố"), "/incidents/8", null));
        String a = first.username() + "@test.local";
        jdbc.sql("UPDATE notification_delivery SET addresses = addresses || 'sai dia chi@@laocai..vn'::text"
                + " WHERE ? = ANY (addresses)").params(a).update();
        int smtpPort = freePort();
        startSmtp(smtpPort);

        dispatcher(SETTINGS).dispatch(sender(smtpPort), Instant.now());

        Row row = row(a);
        assertThat(row.status()).isEqualTo("SENT");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("sai dia chi@@laocai..vn");
        // the server keeps a copy in each mailbox; other tests' queued e-mails may go out in the same round
        MimeMessage[] copies = receivedBy(a).toArray(MimeMessage[]::new);
        assertThat(copies).hasSize(3);
        java.util.Set<String> messageIds = new java.util.HashSet<>();
        for (MimeMessage copy : copies) messageIds.add(copy.getMessageID());
        assertThat(messageIds).as("one message").hasSize(1);
        assertThat(Arrays.stream(copies[0].getRecipients(RecipientType.TO)).map(Object::toString).toList())
                .containsExactlyInAnyOrder(a, second.username() + "@test.local", "truc-24-7@laocai.example.vn");
    }
}
