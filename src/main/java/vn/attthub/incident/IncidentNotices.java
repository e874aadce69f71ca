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

    /**
     * A hand-over or escalation request to the receiving agency. The link of a TLP:RED case leads to the hand-over
     * inbox, not to the case: the receiving agency is not a named party until it accepts.
     */
    void handoverRequested(AgencyId to, UUID incident, String reference, String title, Tlp tlp,
                           IncidentHandovers.HandoverView h) {
        Map<String, Object> model = new HashMap<>();
        model.put("agencyName", name(to));
        model.put("reference", reference);
        model.put("title", title);
        model.put("red", tlp == Tlp.RED);
        model.put("kindVi", h.kindVi());
        model.put("fromName", h.from().name());
        model.put("reason", h.reason());
        model.put("requestedBy", h.requestedBy());
        notifications.send(new Message("incident-handover-requested", to, model,
                tlp == Tlp.RED ? "/incident-handovers" : "/incidents/" + incident + "#handovers",
                "incident-handover-requested:" + h.id()));
    }

    /** The decision (accepted, declined) to the requesting agency, or a withdrawal to the receiving one. */
    void handoverDecided(AgencyId agency, UUID incident, String reference, Tlp tlp, IncidentHandovers.HandoverView h) {
        Map<String, Object> model = new HashMap<>();
        model.put("agencyName", name(agency));
        model.put("reference", reference);
        model.put("kindVi", h.kindVi());
        model.put("fromName", h.from().name());
        model.put("toName", h.to().name());
        model.put("statusVi", h.statusVi());
        model.put("decidedBy", h.decidedBy());
        model.put("note", h.decisionNote() == null ? "" : h.decisionNote());
        boolean receiverSeesCase = !h.status().equals("WITHDRAWN") || tlp != Tlp.RED;
        notifications.send(new Message("incident-handover-decided", agency, model,
                receiverSeesCase ? "/incidents/" + incident + "#handovers" : "/incident-handovers",
                "incident-handover-decided:" + h.id()));
    }

    private String name(AgencyId id) {
        return agencies.find(id).map(AgencySummary::nameVi).orElse(id.toString());
    }
}
