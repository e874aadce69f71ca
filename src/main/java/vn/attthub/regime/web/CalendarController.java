package vn.attthub.regime.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.regime.CalendarDay;
import vn.attthub.regime.CalendarDays;
import vn.attthub.regime.DayKind;
import vn.attthub.regime.WorkingCalendar;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.time.LocalDate;
import java.util.List;

/**
 * The national holiday calendar that working-day deadlines are counted with (DOMAIN.md D5). Anyone signed in reads
 * it; {@code CALENDAR_MANAGE} adds and removes days (audited). The calendar is platform-wide, not per agency, so
 * days are addressed by date as a query parameter.
 */
@RestController
@RequestMapping("/api/v1/calendar")
class CalendarController {
    private final CalendarDays days;
    private final WorkingCalendar calendar;

    CalendarController(CalendarDays days, WorkingCalendar calendar) {
        this.days = days;
        this.calendar = calendar;
    }

    record DayItem(LocalDate date, DayKind kind, String name, String legalBasis, boolean workingDay) {
    }

    record YearCalendar(int year, List<DayItem> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record DayRequest(LocalDate date, DayKind kind, String name, String legalBasis) {
    }

    record WorkingDayAnswer(LocalDate date, boolean workingDay) {
    }

    @GetMapping("/days")
    @AnyAuthenticatedUser
    YearCalendar year(@RequestParam(required = false) Integer year) {
        int y = year == null ? LocalDate.now(WorkingCalendar.ZONE).getYear() : year;
        return new YearCalendar(y, days.inYear(y).stream().map(this::item).toList());
    }

    @GetMapping("/working-days")
    @AnyAuthenticatedUser
    WorkingDayAnswer workingDay(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return new WorkingDayAnswer(date, calendar.isWorkingDay(date));
    }

    @PostMapping("/days")
    @RequiresPermission(Permission.CALENDAR_MANAGE)
    ResponseEntity<DayItem> add(@AuthenticationPrincipal CurrentUser user, @RequestBody DayRequest body) {
        CalendarDay added = days.add(new CalendarDay(body.date(), body.kind(), body.name(), body.legalBasis()), user);
        return ResponseEntity.status(HttpStatus.CREATED).body(item(added));
    }

    @DeleteMapping("/days")
    @RequiresPermission(Permission.CALENDAR_MANAGE)
    ResponseEntity<Void> remove(@RequestParam(required = false) String date) {
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? null : LocalDate.parse(date.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInputException.field("date", "Ngày không hợp lệ, dùng yyyy-MM-dd (invalid date).");
        }
        days.remove(day);
        return ResponseEntity.noContent().build();
    }

    private DayItem item(CalendarDay d) {
        return new DayItem(d.day(), d.kind(), d.nameVi(), d.legalBasis(), calendar.isWorkingDay(d.day()));
    }
}
