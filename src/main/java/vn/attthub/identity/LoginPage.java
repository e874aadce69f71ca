package vn.attthub.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.attthub.shared.PublicEndpoint;

import java.util.ArrayList;
import java.util.List;

/** The sign-in form, with a button per configured OpenID Connect provider, and the single sign-on refusal page. */
@Controller
@PublicEndpoint
class LoginPage {
    private final ObjectProvider<ClientRegistrationRepository> oidcClients;

    LoginPage(ObjectProvider<ClientRegistrationRepository> oidcClients) {
        this.oidcClients = oidcClients;
    }

    record Provider(String id, String name) {
    }

    @GetMapping("/login")
    String login(Model model) {
        List<Provider> providers = new ArrayList<>();
        if (oidcClients.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object r : registrations) {
                if (r instanceof ClientRegistration c) {
                    providers.add(new Provider(c.getRegistrationId(), c.getClientName()));
                }
            }
        }
        model.addAttribute("providers", providers);
        return "login";
    }

    @GetMapping(SingleSignOn.REFUSED_PAGE)
    String refused() {
        return "identity/sso-refused";
    }
}
