package vn.attthub.organisation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates as people in Viet Nam write them (dd/MM/yyyy) and as the API writes them (ISO). */
final class Dates {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private Dates() {
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    static String display(LocalDate date) {
        return date == null ? "" : DISPLAY.format(date);
    }

    /** ISO {@code 2025-07-01} or {@code 01/07/2025}; null for blank; throws for anything else. */
    static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return t.contains("/") ? LocalDate.parse(t, DateTimeFormatter.ofPattern("d/M/uuuu")) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid date '" + t + "'");
        }
    }
}
