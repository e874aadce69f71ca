package vn.attthub.notification;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The inbox page: unread first, mark read, mark all read, open the target; and the navbar's unread badge. */
@Controller
@AnyAuthenticatedUser
class NotificationPages {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private final Inbox inbox;

    NotificationPages(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/notifications")
    String inbox(@AuthenticationPrincipal CurrentUser caller, Model model) {
        model.addAttribute("items", inbox.overview(caller.id(), 50));
        model.addAttribute("unreadCount", inbox.unreadCount(caller.id()));
        model.addAttribute("time", TIME);
        return "notification/inbox";
    }

    /** The navbar badge, loaded by htmx: the caller's unread count. */
    @GetMapping("/notifications/badge")
    String badge(@AuthenticationPrincipal CurrentUser caller, Model model) {
        model.addAttribute("unreadCount", inbox.unreadCount(caller.id()));
        return "notification/badge :: badge";
    }

    @PostMapping("/notifications/{id}/read")
    String read(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        inbox.markRead(caller.id(), id);
        return "redirect:/notifications";
    }

    /** Marks the notification read and goes to what it is about (an in-app path, checked when it was sent). */
    @PostMapping("/notifications/{id}/open")
    String open(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        Inbox.Item item = inbox.markRead(caller.id(), id);
        String link = item.link();
        return "redirect:" + (link == null || !link.startsWith("/") || link.startsWith("//") ? "/notifications" : link);
    }

    @PostMapping("/notifications/read-all")
    String readAll(@AuthenticationPrincipal CurrentUser caller) {
        inbox.markAllRead(caller.id());
        return "redirect:/notifications";
    }
}
