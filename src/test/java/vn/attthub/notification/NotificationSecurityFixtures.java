package vn.attthub.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.TestCallers;

import java.util.UUID;

/** In-app notifications for the generated security tests, made directly in SQL. */
public final class NotificationSecurityFixtures {
    private NotificationSecurityFixtures() {
    }

    /** A notification to {@code agency}, delivered in-app to a new user of that agency; returns the delivery id. */
    public static UUID inAppDelivery(JdbcClient jdbc, TestCallers callers, TestCallers.Agency agency) {
        TestCallers.Caller user = callers.caller(agency, null);
        UUID notification = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification (id, agency_id, template, subject, body, link)
                        VALUES (?, ?, 'test-greeting', 'Thông báo kiểm thử bảo mật', 'Nội dung', '/')""")
                .params(notification, agency.id()).update();
        UUID delivery = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification_delivery (id, notification_id, channel, user_id, status, sent_at)
                        VALUES (?, ?, 'IN_APP', ?, 'SENT', now())""")
                .params(delivery, notification, user.userId()).update();
        return delivery;
    }
}
