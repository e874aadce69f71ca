package vn.attthub.dossier;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as people read them here: dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh (templates call {@code fmt.at(...)}). */
public final class DisplayTime {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZONE);
    public static final DisplayTime INSTANCE = new DisplayTime();

    /** A deadline that ends at midnight (the end of its last day, D5) reads as 23:59 of that day. */
    public String at(Instant i) {
        if (i == null) return "—";
        boolean midnight = i.atZone(ZONE).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        return MINUTE.format(midnight ? i.minusSeconds(60) : i);
    }

    public String day(Instant i) {
        return i == null ? "—" : DAY.format(i);
    }
}
