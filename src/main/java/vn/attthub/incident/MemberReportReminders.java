package vn.attthub.incident;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.notification.Message;
import vn.attthub.notification.Notifications;
import vn.attthub.organisation.AgencySummary;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Reminds each network member that has not filed its Form 05 report (Circular 20/2017 Art 6.1.c) once the due date
 * is within {@code attt.incident.member-report-reminder-lead} (14 days by default). Sent once per member and period:
 * the message's dedupKey makes a second send a no-op, so the job may run often and on several instances.
 */
@Component
class MemberReportReminders {
    private final MemberReports reports;
    private final Notifications notifications;
    private final Duration lead;

    MemberReportReminders(MemberReports reports, Notifications notifications,
                          @Value("${attt.incident.member-report-reminder-lead:P14D}") Duration lead) {
        this.reports = reports;
        this.notifications = notifications;
        this.lead = lead;
    }

    @Scheduled(initialDelayString = "${attt.incident.member-report-reminder-check:PT10M}",
            fixedDelayString = "${attt.incident.member-report-reminder-check:PT6H}")
    void scheduled() {
        remind(Instant.now());
    }

    /** Queues a reminder to every member of the period due next at {@code now} that has not filed; returns how many. */
    @Transactional
    int remind(Instant now) {
        MemberReports.Period p = MemberReports.Period.current(LocalDate.ofInstant(now, Incidents.ZONE));
        if (now.isBefore(p.dueAt().minus(lead)) || !now.isBefore(p.dueAt())) return 0;
        int sent = 0;
        for (AgencySummary a : reports.members(p)) {
            if (reports.filed(a.id(), p)) continue;
            Map<String, Object> model = new HashMap<>();
            model.put("agencyName", a.nameVi());
            model.put("periodVi", p.labelVi());
            model.put("dueAt", IncidentPages.FMT.at(p.dueAt().minusSeconds(60)));
            notifications.send(new Message("member-report-reminder", a.id(), model,
                    "/incidents/member-reports/draft?agencyId=" + a.id().value() + "&year=" + p.year() + "&period="
                            + p.kind().name(),
                    "member-report-reminder:" + a.id().value() + ":" + p.year() + ":" + p.kind().name()));
            sent++;
        }
        return sent;
    }
}
