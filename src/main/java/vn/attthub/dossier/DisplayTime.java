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

    public String at(Instant i) {
        return i == null ? "—" : MINUTE.format(i);
    }

    public String day(Instant i) {
        return i == null ? "—" : DAY.format(i);
    }
}
