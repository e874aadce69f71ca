package vn.attthub.incident;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.UUID;

/** Network members' periodic reports (Circular 20/2017 Art 6.1.c, Form 05); see docs/incidents-api.md. */
@RestController
class MemberReportController {
    private final MemberReports reports;

    MemberReportController(MemberReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/member-reports")
    @RequiresPermission(Permission.INCIDENT_READ)
    MemberReports.Overview overview(@AuthenticationPrincipal CurrentUser user,
                                    @RequestParam(required = false) Integer year,
                                    @RequestParam(required = false) String period) {
        return reports.overview(user, year, period);
    }

    @GetMapping("/api/v1/member-reports/draft")
    @RequiresPermission(Permission.INCIDENT_READ)
    MemberReports.Draft draft(@AuthenticationPrincipal CurrentUser user,
                              @RequestParam(required = false) UUID agencyId,
                              @RequestParam(required = false) Integer year,
                              @RequestParam(required = false) String period) {
        return reports.draft(user, agencyId, year, period);
    }

    @PostMapping("/api/v1/member-reports")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    ResponseEntity<MemberReports.ReportView> file(@AuthenticationPrincipal CurrentUser user,
                                                  @RequestBody(required = false) MemberReports.Filing body) {
        MemberReports.ReportView view = reports.file(user, body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(view.id()).toUri()).body(view);
    }

    @GetMapping("/api/v1/member-reports/{id}")
    @RequiresPermission(Permission.INCIDENT_READ)
    MemberReports.ReportView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reports.get(user, id);
    }

    @GetMapping("/api/v1/member-reports/{id}/pdf")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<Resource> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reports.pdf(user, id);
    }
}
