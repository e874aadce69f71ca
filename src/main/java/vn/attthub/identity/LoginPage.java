package vn.attthub.identity;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import vn.attthub.shared.PublicEndpoint;

@Controller
@PublicEndpoint
class LoginPage {
    @GetMapping("/login")
    String login() {
        return "login";
    }
}
