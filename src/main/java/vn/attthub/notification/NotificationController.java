package vn.attthub.notification;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The caller's own in-app notifications. */
@RestController
@RequestMapping("/api/v1/notifications")
@AnyAuthenticatedUser
class NotificationController {
    private final Inbox inbox;

    NotificationController(Inbox inbox) {
        this.inbox = inbox;
    }

    record NotificationResponse(UUID id, UUID agencyId, String template, String subject, String body, String link,
                                Instant createdAt, Instant readAt, boolean unread) {
        static NotificationResponse of(Inbox.Item i) {
            return new NotificationResponse(i.id(), i.agencyId(), i.template(), i.subject(), i.body(), i.link(),
                    i.createdAt(), i.readAt(), i.unread());
        }
    }

    record NotificationList(List<NotificationResponse> items, String next, int unreadCount) {
    }

    @GetMapping
    NotificationList list(@RequestParam(defaultValue = "false") boolean unread,
                          @RequestParam(defaultValue = "50") int limit,
                          @RequestParam(required = false) String after,
                          @AuthenticationPrincipal CurrentUser caller) {
        Inbox.Page page = inbox.list(caller.id(), unread, limit, after);
        return new NotificationList(page.items().stream().map(NotificationResponse::of).toList(), page.next(),
                inbox.unreadCount(caller.id()));
    }

    @PostMapping("/{id}/read")
    NotificationResponse read(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        return NotificationResponse.of(inbox.markRead(caller.id(), id));
    }
}
