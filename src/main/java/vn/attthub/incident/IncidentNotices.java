package vn.attthub.incident;

import org.springframework.stereotype.Component;
import vn.attthub.notification.Message;
import vn.attthub.notification.Notifications;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The messages the incident module sends (Vietnamese templates under {@code templates/notification/incident-*}):
 * a notice to each recipient at the same moment (Decision 05/2017 Art 11.5) and, when a recipient missed the
 * acknowledgement target, to its superior (Art 12.1.c). Deduplicated per incident and agency; the notices of a new
 * incident are sent after commit by {@link IncidentNoticeOutbox}. A TLP:RED notice does not carry its title outside
 * the platform.
 */
@Component
class IncidentNotices {
    private final Notifications notifications;
    private final AgencyDirectory agencies;

    IncidentNotices(Notifications notifications, AgencyDirectory agencies) {
        this.notifications = notifications;
        this.agencies = agencies;
    }

    void notice(AgencyId agency, UUID incident, String reference, String title, RecipientRole role, Tlp tlp) {
        notifications.send(noticeMessage(agency, name(agency), incident, reference, title, role, tlp));
    }

    /** The notice to one recipient, deduplicated per incident and agency (sent by {@link IncidentNoticeOutbox}). */
    static Message noticeMessage(AgencyId agency, String agencyName, UUID incident, String reference, String title,
                                 RecipientRole role, Tlp tlp) {
        Map<String, Object> model = new HashMap<>();
        model.put("agencyName", agencyName);
        model.put("reference", reference);
        model.put("title", title);
        model.put("tlp", tlp.name().replace('_', '+'));
        model.put("red", tlp == Tlp.RED);
        model.put("roleVi", role.labelVi());
        return new Message("incident-notice", agency, model, "/incidents/" + incident,
                "incident-notice:" + incident + ":" + agency.value());
    }

    /** Several notices at once (one batch of the outbox), see {@link Notifications#sendAll}. */
    void send(java.util.List<Message> messages) {
        notifications.sendAll(messages);
    }

    void escalated(AgencyId superior, UUID incident, String reference, AgencyId recipient, Instant dueAt) {
        Map<String, Object> model = new HashMap<>();
        model.put("agencyName", name(superior));
        model.put("reference", reference);
        model.put("recipientName", name(recipient));
        model.put("dueAt", IncidentPages.FMT.at(dueAt));
        notifications.send(new Message("incident-escalated", superior, model, "/incidents/" + incident,
                "incident-escalated:" + incident + ":" + recipient.value()));
    }

    private String name(AgencyId id) {
        return agencies.find(id).map(AgencySummary::nameVi).orElse(id.toString());
    }
}
