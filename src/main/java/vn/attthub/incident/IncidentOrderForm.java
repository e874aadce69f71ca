package vn.attthub.incident;

import org.springframework.util.MultiValueMap;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.InvalidInputException;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads the workspace's order form (Form 06) into the API's {@link IncidentOrders.Issue}: addressees ticked among the
 * case's recipients plus any agency typed by code, and a due time entered as Vietnam local time
 * ({@code datetime-local}), so the page and the API share one set of rules and messages.
 */
final class IncidentOrderForm {
    private IncidentOrderForm() {
    }

    static IncidentOrders.Issue issue(MultiValueMap<String, String> form, Function<String, Optional<UUID>> byCode) {
        List<UUID> addressees = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (String v : form.getOrDefault("addresseeIds", List.of())) {
            try {
                addressees.add(UUID.fromString(v.strip()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("addresseeIds", "Cơ quan nhận không hợp lệ (invalid addressee)."));
            }
        }
        String codes = form.getFirst("addresseeCodes");
        if (codes != null) {
            for (String code : codes.split("[,;\\s]+")) {
                if (code.isBlank()) continue;
                byCode.apply(code.strip()).ifPresentOrElse(id -> {
                    if (!addressees.contains(id)) addressees.add(id);
                }, () -> errors.add(new FieldError("addresseeCodes",
                        "Không tìm thấy cơ quan có mã " + code.strip() + " (unknown agency code).")));
            }
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Văn bản điều phối chưa hợp lệ (invalid order).", errors);
        return new IncidentOrders.Issue(addressees, form.getFirst("content"), form.getFirst("requiredActions"),
                withVietnamOffset(form.getFirst("dueAt")));
    }

    /** "2026-12-05T17:00" from the browser is Vietnam time; anything else is passed on for the API's own message. */
    static String withVietnamOffset(String local) {
        if (local == null || local.isBlank()) return local;
        try {
            return LocalDateTime.parse(local.strip()).atZone(Incidents.ZONE).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }
}
