package vn.attthub.regime;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** dd/MM/yyyy, the platform's date format, for messages. */
final class WorkingCalendarFormat {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private WorkingCalendarFormat() {
    }

    static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }
}
