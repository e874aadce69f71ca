package vn.attthub;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;

/** The signed-in user's start page: what they must do now. */
@Controller
@AnyAuthenticatedUser
class HomePage {
    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("user", user);
        return "home";
    }
}
