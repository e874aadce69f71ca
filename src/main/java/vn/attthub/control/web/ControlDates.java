package vn.attthub.control.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** dd/MM/yyyy in Asia/Ho_Chi_Minh for the control templates ({@code ${@controlDates.day(x)}}). */
@Component("controlDates")
class ControlDates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public String day(Object value) {
        if (value instanceof Instant i) return DAY.format(i.atZone(ZONE));
        if (value instanceof LocalDate d) return DAY.format(d);
        return "";
    }
}
