package vn.attthub;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.attthub.control.ControlWork;
import vn.attthub.dossier.DossierQueries;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Permission;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The signed-in user's start page: what they must do now, where to start with the rights they hold, and the
 * agency subtrees those rights cover. Only real state is shown: no placeholder work items.
 */
@Controller
@AnyAuthenticatedUser
class HomePage {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** At most this many items per kind of work: the full lists are one click away. */
    static final int MAX_ITEMS = 10;

    private final AgencyDirectory agencies;
    private final DossierQueries dossiers;
    private final ControlWork controls;

    HomePage(AgencyDirectory agencies, DossierQueries dossiers, ControlWork controls) {
        this.agencies = agencies;
        this.dossiers = dossiers;
        this.controls = controls;
    }

    /**
     * One item of "Việc của tôi": a message key for its kind, what it is about, its detail (step, requirement), its
     * due date as shown, whether it is overdue, and the page where the user acts.
     */
    record WorkItem(String kind, String subject, String subjectName, String detail, String detailKey, String due,
                    boolean overdue, String href) {
    }

    /** A role held at an agency, ready to display. */
    record Access(String role, String agencyName, String agencyCode) {
    }

    /** A first step the user's permissions allow: a message key and the page it leads to. */
    record Step(String key, String href) {
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser user, Locale locale, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("agency", agencies.find(user.agency()).map(a -> name(a, locale)).orElse(null));
        List<Access> access = new ArrayList<>();
        for (Grant grant : user.grants()) {
            AgencySummary agency = agencies.find(grant.agency()).orElse(null);
            access.add(new Access(grant.role().name(), agency == null ? grant.agency().toString() : name(agency, locale),
                    agency == null ? null : agency.code()));
        }
        model.addAttribute("access", access);
        model.addAttribute("steps", steps(user));
        model.addAttribute("work", work(user, locale));
        return "home";
    }

    /** Dossier steps and control work awaiting the user, overdue first, then by due date. */
    List<WorkItem> work(CurrentUser user, Locale locale) {
        record Sortable(WorkItem item, Instant due) {
        }
        List<Sortable> all = new ArrayList<>();
        for (DossierQueries.WorkItem w : dossiers.myWork(user, MAX_ITEMS)) {
            all.add(new Sortable(new WorkItem("dossier", w.dossier().systemCode(), w.dossier().systemName(), null,
                    w.step() == null ? "dossier.state." + w.dossier().state() : "dossier.step." + w.step(),
                    w.dueAt() == null ? null : MINUTE.format(w.dueAt().atZone(ZONE)), w.overdue(),
                    "/dossiers/" + w.dossier().id()), w.dueAt()));
        }
        LocalDate today = LocalDate.now(ZONE);
        for (ControlWork.Item c : controls.forUser(user, today, "en".equals(locale.getLanguage()), MAX_ITEMS)) {
            boolean requirement = c.kind() == ControlWork.Kind.REQUIREMENT;
            all.add(new Sortable(new WorkItem(requirement ? "requirement" : "assessment",
                    c.systemCode(), c.systemName(), requirement ? c.requirementId() + " · " + c.title() : null,
                    requirement ? null : "home.work.assessment." + (c.systemId() == null ? "organisation" : "system"),
                    c.dueOn() == null ? null : DAY.format(c.dueOn()), c.overdue(), c.href()),
                    c.dueOn() == null ? null : c.dueOn().atStartOfDay(ZONE).toInstant()));
        }
        all.sort(Comparator.comparing((Sortable s) -> !s.item().overdue())
                .thenComparing(Sortable::due, Comparator.nullsLast(Comparator.naturalOrder())));
        return all.stream().map(Sortable::item).toList();
    }

    /** The English name when English is asked for and known; the Vietnamese (official) name otherwise. */
    static String name(AgencySummary agency, Locale locale) {
        boolean english = "en".equals(locale.getLanguage()) && agency.nameEn() != null && !agency.nameEn().isBlank();
        return english ? agency.nameEn() : agency.nameVi();
    }

    static List<Step> steps(CurrentUser user) {
        List<Step> steps = new ArrayList<>();
        if (user.has(Permission.AGENCY_MANAGE)) {
            steps.add(new Step("home.step.agencies", "/agencies"));
        } else if (user.has(Permission.AGENCY_READ)) {
            steps.add(new Step("home.step.agencies-read", "/agencies"));
        }
        if (user.has(Permission.USER_MANAGE)) {
            steps.add(new Step("home.step.users", "/users"));
        }
        if (user.has(Permission.AUDIT_READ)) {
            steps.add(new Step("home.step.audit", "/audit"));
        }
        steps.add(new Step(user.privileged() ? "home.step.account-mfa" : "home.step.account", "/account"));
        return steps;
    }
}
