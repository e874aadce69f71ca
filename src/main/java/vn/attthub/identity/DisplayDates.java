package vn.attthub.identity;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats instants for the identity pages ({@code ${@identityDates.format(t)}}): dd/MM/yyyy HH:mm, Hà Nội time. */
@Component("identityDates")
class DisplayDates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    public String format(Instant instant) {
        return instant == null ? "—" : FORMAT.format(instant);
    }
}
