package vn.attthub.regime.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.regime.CalendarDay;
import vn.attthub.regime.CalendarDays;
import vn.attthub.regime.DayKind;
import vn.attthub.regime.WorkingCalendar;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The holiday calendar page (DOMAIN.md D5): a year's holidays, days off and swapped working days with their legal
 * basis, for everyone signed in; administrators with {@code CALENDAR_MANAGE} add and remove days (audited).
 */
@Controller
@RequestMapping("/calendar")
class CalendarPages {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final CalendarDays days;

    CalendarPages(CalendarDays days) {
        this.days = days;
    }

    /** The add form as typed, so that a refused form comes back unchanged. */
    static class DayForm {
        private String date, kind, name, legalBasis;

        public String getDate() { return date; }
        public void setDate(String v) { date = v; }
        public String getKind() { return kind; }
        public void setKind(String v) { kind = v; }
        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getLegalBasis() { return legalBasis; }
        public void setLegalBasis(String v) { legalBasis = v; }
    }

    record DayRow(String iso, String display, int weekday, DayKind kind, String name, String legalBasis) {
        static DayRow of(CalendarDay d) {
            return new DayRow(d.day().toString(), DAY.format(d.day()), d.day().getDayOfWeek().getValue(), d.kind(),
                    d.nameVi(), d.legalBasis());
        }
    }

    @GetMapping
    @AnyAuthenticatedUser
    String year(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String year, Model model) {
        int y = LocalDate.now(WorkingCalendar.ZONE).getYear();
        if (year != null && !year.isBlank()) {
            try {
                y = Integer.parseInt(year.strip());
            } catch (NumberFormatException e) {
                throw InvalidInputException.field("year", "Năm không hợp lệ (invalid year).");
            }
        }
        return page(user, y, new DayForm(), Map.of(), model);
    }

    private String page(CurrentUser user, int year, DayForm form, Map<String, String> errors, Model model) {
        List<DayRow> rows = days.inYear(year).stream().map(DayRow::of).toList();
        model.addAttribute("year", year);
        model.addAttribute("rows", rows);
        model.addAttribute("kinds", DayKind.values());
        model.addAttribute("canManage", user.has(Permission.CALENDAR_MANAGE));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("firstYear", CalendarDays.FIRST_YEAR);
        model.addAttribute("lastYear", CalendarDays.LAST_YEAR);
        return "regime/calendar";
    }

    @PostMapping("/days")
    @RequiresPermission(Permission.CALENDAR_MANAGE)
    String add(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") DayForm form, Model model,
               RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        LocalDate date = parseDate(form.getDate(), errors);
        DayKind kind = null;
        if (form.getKind() != null && !form.getKind().isBlank()) {
            try {
                kind = DayKind.valueOf(form.getKind());
            } catch (IllegalArgumentException e) {
                errors.put("kind", "Loại ngày không hợp lệ (invalid kind).");
            }
        }
        if (errors.isEmpty()) {
            try {
                CalendarDay added = days.add(new CalendarDay(date, kind, form.getName(), form.getLegalBasis()), user);
                redirect.addFlashAttribute("notice", "regime.calendar.added");
                redirect.addFlashAttribute("noticeDay", DAY.format(added.day()));
                return "redirect:/calendar?year=" + added.day().getYear();
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + " " + b));
            } catch (ConflictException e) {
                errors.put("date", e.getMessage());
            }
        } else {
            CalendarDaysCheck.validate(date, kind, form, errors); // every other field's problem at once
        }
        int year = date != null ? date.getYear() : LocalDate.now(WorkingCalendar.ZONE).getYear();
        if (year < CalendarDays.FIRST_YEAR || year > CalendarDays.LAST_YEAR) {
            year = LocalDate.now(WorkingCalendar.ZONE).getYear();
        }
        model.addAttribute("openForm", true);
        return page(user, year, form, errors, model);
    }

    @PostMapping("/days/remove")
    @RequiresPermission(Permission.CALENDAR_MANAGE)
    String remove(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String date,
                  Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        LocalDate day = parseDate(date, errors);
        if (day != null) {
            try {
                days.remove(day);
                redirect.addFlashAttribute("notice", "regime.calendar.removed");
                redirect.addFlashAttribute("noticeDay", DAY.format(day));
                return "redirect:/calendar?year=" + day.getYear();
            } catch (NotFoundException e) {
                errors.put("global", "Ngày " + DAY.format(day) + " không có trong lịch (the day is not in the calendar).");
            }
        }
        errors.putIfAbsent("global", errors.getOrDefault("date", ""));
        int year = day == null ? LocalDate.now(WorkingCalendar.ZONE).getYear() : day.getYear();
        return page(user, year, new DayForm(), errors, model);
    }

    static LocalDate parseDate(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put("date", "Chọn ngày (a date is required).");
            return null;
        }
        String t = text.strip();
        try {
            return t.contains("/") ? LocalDate.parse(t, DateTimeFormatter.ofPattern("d/M/uuuu")) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            errors.put("date", "Ngày không hợp lệ, nhập dd/MM/yyyy (invalid date): " + text);
            return null;
        }
    }

    /** Runs the calendar's own validation without writing, to list every field's problem together. */
    static final class CalendarDaysCheck {
        static void validate(LocalDate date, DayKind kind, DayForm form, Map<String, String> errors) {
            try {
                CalendarDays.validate(new CalendarDay(date, kind, form.getName(), form.getLegalBasis()));
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            }
        }
    }
}
