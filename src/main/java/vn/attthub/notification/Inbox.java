package vn.attthub.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.UserId;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A user's in-app notifications: their own IN_APP deliveries only. Another user's delivery id is "not found".
 */
@Component
class Inbox {
    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Item(UUID id, UUID agencyId, String template, String subject, String body, String link, Instant createdAt,
                Instant readAt) {
        public boolean unread() {
            return readAt == null;
        }

        /** The body's lines, for pages (a content security policy forbids inline styles such as pre-wrap). */
        public List<String> lines() {
            return body.lines().toList();
        }
    }

    record Page(List<Item> items, String next) {
    }

    private static final String SELECT = """
            SELECT d.id, n.agency_id, n.template, n.subject, n.body, n.link, d.created_at, d.read_at
            FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
            WHERE d.channel = 'IN_APP' AND d.user_id = :user""";

    private static Item item(ResultSet rs, int i) throws SQLException {
        return new Item(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant());
    }

    /** Newest first, keyset-paged by an opaque cursor (creation time and id of the last item). */
    Page list(UserId user, boolean unreadOnly, int limit, String after) {
        if (limit < 1 || limit > 200) throw InvalidInputException.field("limit", "must be between 1 and 200");
        Instant afterTime = null;
        UUID afterId = null;
        if (after != null && !after.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\\|");
                afterTime = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw InvalidInputException.field("after", "is not a cursor from this list");
            }
        }
        List<Item> items = jdbc.sql(SELECT + (unreadOnly ? " AND d.read_at IS NULL" : "")
                        + (afterTime == null ? "" : " AND (d.created_at, d.id) < (:afterTime, :afterId)")
                        + " ORDER BY d.created_at DESC, d.id DESC LIMIT :limit")
                .param("user", user.value())
                .param("afterTime", afterTime == null ? null : Timestamp.from(afterTime))
                .param("afterId", afterId)
                .param("limit", limit + 1)
                .query(Inbox::item).list();
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            Item last = items.get(limit - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(List.copyOf(items), next);
    }

    /** For the inbox page: every unread item (up to 200), then the latest read ones. */
    List<Item> overview(UserId user, int read) {
        List<Item> unread = jdbc.sql(SELECT + " AND d.read_at IS NULL ORDER BY d.created_at DESC, d.id DESC LIMIT 200")
                .param("user", user.value()).query(Inbox::item).list();
        List<Item> seen = jdbc.sql(SELECT + " AND d.read_at IS NOT NULL ORDER BY d.created_at DESC, d.id DESC LIMIT :n")
                .param("user", user.value()).param("n", read).query(Inbox::item).list();
        return java.util.stream.Stream.concat(unread.stream(), seen.stream()).toList();
    }

    int unreadCount(UserId user) {
        return jdbc.sql("SELECT count(*) FROM notification_delivery WHERE channel = 'IN_APP' AND user_id = :user"
                        + " AND read_at IS NULL")
                .param("user", user.value()).query(Integer.class).single();
    }

    Item get(UserId user, UUID id) {
        return jdbc.sql(SELECT + " AND d.id = :id").param("user", user.value()).param("id", id)
                .query(Inbox::item).optional().orElseThrow(() -> new NotFoundException("notification", id));
    }

    /** Marks one of the user's notifications read (keeping the first read time) and returns it. */
    Item markRead(UserId user, UUID id) {
        int updated = jdbc.sql("""
                        UPDATE notification_delivery SET read_at = coalesce(read_at, now())
                        WHERE id = :id AND channel = 'IN_APP' AND user_id = :user""")
                .param("id", id).param("user", user.value()).update();
        if (updated == 0) throw new NotFoundException("notification", id);
        return get(user, id);
    }

    int markAllRead(UserId user) {
        return jdbc.sql("UPDATE notification_delivery SET read_at = now() WHERE channel = 'IN_APP' AND user_id = :user"
                        + " AND read_at IS NULL")
                .param("user", user.value()).update();
    }
}
