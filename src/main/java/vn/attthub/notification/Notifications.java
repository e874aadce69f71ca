package vn.attthub.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.identity.AgencyMembers;
import vn.attthub.organisation.AgencyContact;
import vn.attthub.organisation.AgencyContacts;
import vn.attthub.organisation.ContactKind;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Ids;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends a {@link Message} to an agency. {@link #send} runs in the caller's transaction and only writes the durable
 * outbox: one notification row (subject and body rendered now), an in-app delivery for every enabled user of the
 * agency, and one e-mail delivery to every distinct address among those users and the agency's current security focal
 * point and 24/7 incident-response contact. The e-mail leaves later, from {@code MailDispatcher}, with retry; a
 * rollback of the caller's transaction takes the message with it.
 */
@Service
public class Notifications {
    private final JdbcClient jdbc;
    private final Templates templates;
    private final AgencyMembers members;
    private final AgencyContacts contacts;
    private final String baseUrl;

    Notifications(JdbcClient jdbc, Templates templates, AgencyMembers members, AgencyContacts contacts,
                  @Value("${attt.notification.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.members = members;
        this.contacts = contacts;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Queues {@code message} for its agency's users (in-app) and for one e-mail to the users and contact points. With a
     * non-null {@code dedupKey} that was already sent, does nothing. The template sees the message's model plus
     * {@code link} (the in-app path) and {@code url} (the absolute address of the link).
     *
     * @throws IllegalArgumentException when the template does not exist, or the link is not an in-app path
     */
    @Transactional
    public void send(Message message) {
        sendAll(List.of(message));
    }

    /**
     * {@link #send} for several messages at once, with the same outcome for each (a message whose dedup key was already
     * sent does nothing; the same deliveries), in four statements however many there are: the notifications, the
     * members and the contacts of all their agencies, and all deliveries. For workers that fan out many messages (the
     * incident notice outbox).
     */
    @Transactional
    public void sendAll(List<Message> messages) {
        if (messages.isEmpty()) return;
        Instant now = Instant.now();
        int n = messages.size();
        UUID[] ids = new UUID[n];
        UUID[] agencies = new UUID[n];
        String[] templateNames = new String[n];
        String[] subjects = new String[n];
        String[] bodies = new String[n];
        String[] links = new String[n];
        String[] dedups = new String[n];
        for (int i = 0; i < n; i++) {
            Message message = messages.get(i);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(message.agency(), "message.agency");
            String link = message.link();
            if (link != null && (!link.startsWith("/") || link.startsWith("//") || link.contains("\\"))) {
                throw new IllegalArgumentException("link must be an in-app path starting with /: " + link);
            }
            Map<String, Object> model = new HashMap<>(message.model() == null ? Map.of() : message.model());
            model.put("link", link);
            model.put("url", link == null ? baseUrl : baseUrl + link);
            Templates.Rendered rendered = templates.render(message.template(), model);
            ids[i] = Ids.next();
            agencies[i] = message.agency().value();
            templateNames[i] = message.template();
            subjects[i] = rendered.subject();
            bodies[i] = rendered.body();
            links[i] = link;
            dedups[i] = message.dedupKey();
        }
        Set<UUID> inserted = new HashSet<>(jdbc.sql("""
                        INSERT INTO notification (id, agency_id, template, subject, body, link, dedup_key, created_at)
                        SELECT m.id, m.agency, m.template, m.subject, m.body, m.link, m.dedup, :now
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:agencies AS uuid[]), CAST(:templates AS text[]),
                                    CAST(:subjects AS text[]), CAST(:bodies AS text[]), CAST(:links AS text[]),
                                    CAST(:dedups AS text[])) WITH ORDINALITY
                             AS m(id, agency, template, subject, body, link, dedup, ord)
                        ORDER BY m.ord
                        ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
                        RETURNING id""")
                .param("ids", ids).param("agencies", agencies).param("templates", templateNames)
                .param("subjects", subjects).param("bodies", bodies).param("links", links).param("dedups", dedups)
                .param("now", Timestamp.from(now)).query(UUID.class).list());
        if (inserted.isEmpty()) return;
        Set<AgencyId> reached = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) if (inserted.contains(ids[i])) reached.add(messages.get(i).agency());
        Map<AgencyId, List<AgencyMembers.Member>> membersOf = members.of(reached);
        Map<UUID, List<AgencyContact>> contactsOf = contacts.current(reached.stream().map(AgencyId::value).toList());
        // An in-app delivery per user (sent at once) and one pending e-mail to every address (an array literal).
        List<UUID> deliveryNotification = new ArrayList<>();
        List<UUID> deliveryUser = new ArrayList<>();
        List<String> deliveryAddresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!inserted.contains(ids[i])) continue;
            AgencyId agency = messages.get(i).agency();
            Map<String, String> emails = new LinkedHashMap<>();
            for (AgencyMembers.Member m : membersOf.getOrDefault(agency, List.of())) {
                deliveryNotification.add(ids[i]);
                deliveryUser.add(m.id().value());
                deliveryAddresses.add(null);
                addEmail(emails, m.email());
            }
            for (AgencyContact c : contactsOf.getOrDefault(agency.value(), List.of())) {
                if (c.kind() == ContactKind.SECURITY_FOCAL_POINT || c.kind() == ContactKind.IR_CONTACT_24X7) {
                    addEmail(emails, c.email());
                }
            }
            if (!emails.isEmpty()) {
                deliveryNotification.add(ids[i]);
                deliveryUser.add(null);
                deliveryAddresses.add(arrayLiteral(emails.values()));
            }
        }
        if (deliveryNotification.isEmpty()) return;
        UUID[] deliveryIds = new UUID[deliveryNotification.size()];
        for (int i = 0; i < deliveryIds.length; i++) deliveryIds[i] = Ids.next();
        jdbc.sql("""
                        INSERT INTO notification_delivery (id, notification_id, channel, user_id, addresses, status,
                                                           sent_at, next_attempt_at, created_at)
                        SELECT d.id, d.notification, CASE WHEN d.user_id IS NULL THEN 'EMAIL' ELSE 'IN_APP' END,
                               d.user_id, CAST(d.addresses AS text[]),
                               CASE WHEN d.user_id IS NULL THEN 'PENDING' ELSE 'SENT' END,
                               CASE WHEN d.user_id IS NULL THEN NULL ELSE CAST(:now AS timestamptz) END,
                               CASE WHEN d.user_id IS NULL THEN CAST(:now AS timestamptz) END, CAST(:now AS timestamptz)
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:notifications AS uuid[]), CAST(:users AS uuid[]),
                                    CAST(:addresses AS text[])) WITH ORDINALITY
                             AS d(id, notification, user_id, addresses, ord)
                        ORDER BY d.ord""")
                .param("ids", deliveryIds).param("notifications", deliveryNotification.toArray(UUID[]::new))
                .param("users", deliveryUser.toArray(UUID[]::new))
                .param("addresses", deliveryAddresses.toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
    }

    /** A PostgreSQL array literal of {@code values}, each quoted, for a column of arrays written through unnest. */
    static String arrayLiteral(java.util.Collection<String> values) {
        StringBuilder s = new StringBuilder("{");
        for (String v : values) {
            if (s.length() > 1) s.append(',');
            s.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return s.append('}').toString();
    }

    private static void addEmail(Map<String, String> emails, String email) {
        if (email == null || email.isBlank()) return;
        String trimmed = email.strip();
        if (trimmed.length() > 254 || !trimmed.contains("@")) return;
        emails.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
    }
}
