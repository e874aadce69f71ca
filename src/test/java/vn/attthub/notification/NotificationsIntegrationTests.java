package vn.attthub.notification;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox that {@link Notifications#send} writes: who gets what, once, inside the caller's transaction. */
@IntegrationTest
class NotificationsIntegrationTests {
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @LocalServerPort
    int port;

    TestCallers callers() {
        return new TestCallers(jdbc, port);
    }

    static Message greeting(TestCallers.Agency agency, String dedupKey) {
        return new Message("test-greeting", AgencyId.of(agency.id()),
                Map.of("title", "Sự cố mã độc tại Sở Tài chính", "who", "Đầu mối ATTT"), "/incidents/42", dedupKey);
    }

    static void contact(JdbcClient jdbc, UUID agency, String kind, String email) {
        jdbc.sql("""
                        INSERT INTO agency_contact (id, agency_id, kind, full_name, email, valid_from)
                        VALUES (?, ?, ?, 'Nguyễn Văn Đầu Mối', ?, now())""")
                .params(UUID.randomUUID(), agency, kind, email).update();
    }

    @Test
    void oneInAppDeliveryPerEnabledUserAndOneEmailPerDistinctAddressIncludingTheContactPoints() {
        TestCallers c = callers();
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Kiểm Thử");
        TestCallers.Agency other = c.agency(c.root(), "PROVINCE", "Tỉnh Khác");
        TestCallers.Caller a = c.caller(agency, null);
        TestCallers.Caller b = c.caller(agency, null);
        TestCallers.Caller disabled = c.caller(agency, null);
        c.caller(other, null);
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE id = ?").params(disabled.userId()).update();
        // the focal point is also user a (same address, other case): one e-mail; the 24/7 contact is someone else;
        // the head of the agency is not an e-mail recipient
        contact(jdbc, agency.id(), "SECURITY_FOCAL_POINT", a.username().toUpperCase() + "@TEST.LOCAL");
        contact(jdbc, agency.id(), "IR_CONTACT_24X7", "truc-24-7@soc.example.vn");
        contact(jdbc, agency.id(), "HEAD", "giam-doc@example.vn");

        notifications.send(greeting(agency, null));

        UUID id = jdbc.sql("SELECT id FROM notification WHERE agency_id = ?").params(agency.id())
                .query(UUID.class).single();
        assertThat(jdbc.sql("SELECT subject FROM notification WHERE id = ?").params(id).query(String.class).single())
                .isEqualTo("Thông báo thử: Sự cố mã độc tại Sở Tài chính");
        assertThat(jdbc.sql("SELECT body FROM notification WHERE id = ?").params(id).query(String.class).single())
                .contains("Xin chào Đầu mối ATTT", "Ủy ban nhân dân tỉnh Đắk Lắk", "/incidents/42");
        assertThat(jdbc.sql("SELECT user_id FROM notification_delivery WHERE notification_id = ? AND channel = 'IN_APP'"
                        + " AND status = 'SENT'").params(id).query(UUID.class).list())
                .containsExactlyInAnyOrder(a.userId(), b.userId());
        // one e-mail to every distinct address (V123)
        List<String> emails = jdbc.sql("SELECT lower(unnest(addresses)) FROM notification_delivery"
                + " WHERE notification_id = ? AND channel = 'EMAIL' AND status = 'PENDING'").params(id)
                .query(String.class).list();
        assertThat(emails).containsExactlyInAnyOrder(a.username() + "@test.local", b.username() + "@test.local",
                "truc-24-7@soc.example.vn");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery WHERE notification_id = ? AND channel = 'EMAIL'")
                .params(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void sendingTheSameDedupKeyTwiceIsANoOpButNullKeysAreNeverDeduplicated() {
        TestCallers c = callers();
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Trùng Lặp");
        c.caller(agency, null);
        String key = "test:" + UUID.randomUUID();
        notifications.send(greeting(agency, key));
        notifications.send(greeting(agency, key));
        notifications.send(greeting(agency, null));
        notifications.send(greeting(agency, null));
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE agency_id = ?").params(agency.id())
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id"
                + " WHERE n.dedup_key = ?").params(key).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aRolledBackCallerTransactionTakesTheMessageWithIt() {
        TestCallers c = callers();
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Hoàn Tác");
        c.caller(agency, null);
        tx.executeWithoutResult(status -> {
            notifications.send(greeting(agency, "rollback:" + agency.id()));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE agency_id = ?").params(agency.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void unknownTemplatesAndOffSiteLinksAreRefused() {
        TestCallers c = callers();
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Từ Chối");
        AgencyId id = AgencyId.of(agency.id());
        assertThatThrownBy(() -> notifications.send(new Message("no-such-template", id, Map.of(), null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notifications.send(new Message("../../application", id, Map.of(), null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notifications.send(new Message("test-greeting", id, Map.of(), "//evil.example/x", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notifications.send(new Message("test-greeting", id, Map.of(), "https://evil.example", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@link Notifications#sendAll} gives each message exactly what {@link Notifications#send} gives it. */
    @Test
    void sendAllDeliversEachMessageAsSendDoesAndSkipsKeysAlreadySent() {
        TestCallers c = callers();
        TestCallers.Agency one = c.agency(c.root(), "PROVINCE", "Tỉnh Gửi Lô Một");
        TestCallers.Agency two = c.agency(c.root(), "PROVINCE", "Tỉnh Gửi Lô Hai");
        TestCallers.Agency empty = c.agency(c.root(), "PROVINCE", "Tỉnh Không Người Dùng");
        TestCallers.Caller a = c.caller(one, null);
        TestCallers.Caller b = c.caller(two, null);
        contact(jdbc, one.id(), "IR_CONTACT_24X7", "truc-lo-mot@soc.example.vn");
        contact(jdbc, two.id(), "HEAD", "giam-doc-lo-hai@example.vn");
        String key = "batch-" + UUID.randomUUID();
        notifications.send(greeting(one, key + ":sent-before"));

        notifications.sendAll(List.of(greeting(one, key + ":sent-before"), greeting(one, key + ":1"),
                greeting(two, key + ":2"), greeting(empty, key + ":3"), greeting(two, key + ":2")));

        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE dedup_key LIKE ?").params(key + "%")
                .query(Long.class).single()).isEqualTo(4);
        UUID first = jdbc.sql("SELECT id FROM notification WHERE dedup_key = ?").params(key + ":1").query(UUID.class)
                .single();
        assertThat(jdbc.sql("SELECT subject FROM notification WHERE id = ?").params(first).query(String.class).single())
                .isEqualTo("Thông báo thử: Sự cố mã độc tại Sở Tài chính");
        assertThat(jdbc.sql("SELECT coalesce(user_id::text, lower(array_to_string(addresses, ' '))) "
                + "FROM notification_delivery WHERE notification_id = ?").params(first).query(String.class).list())
                .containsExactlyInAnyOrder(a.userId().toString(),
                        a.username() + "@test.local truc-lo-mot@soc.example.vn");
        UUID second = jdbc.sql("SELECT id FROM notification WHERE dedup_key = ?").params(key + ":2").query(UUID.class)
                .single();
        assertThat(jdbc.sql("SELECT coalesce(user_id::text, lower(array_to_string(addresses, ' '))) "
                + "FROM notification_delivery WHERE notification_id = ?").params(second).query(String.class).list())
                .containsExactlyInAnyOrder(b.userId().toString(), b.username() + "@test.local");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id "
                + "WHERE n.dedup_key = ?").params(key + ":sent-before").query(Long.class).single())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM notification_delivery WHERE notification_id = ?")
                        .params(first).query(Long.class).single());
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE agency_id = ?").params(empty.id())
                .query(Long.class).single()).isEqualTo(1);
    }
}
