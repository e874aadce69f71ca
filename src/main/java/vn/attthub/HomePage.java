package vn.attthub;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Permission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The signed-in user's start page: what they must do now, where to start with the rights they hold, and the
 * agency subtrees those rights cover. Only real state is shown: no placeholder work items.
 */
@Controller
@AnyAuthenticatedUser
class HomePage {
    private final AgencyDirectory agencies;

    HomePage(AgencyDirectory agencies) {
        this.agencies = agencies;
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
        return "home";
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
