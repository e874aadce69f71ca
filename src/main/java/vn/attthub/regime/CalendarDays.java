package vn.attthub.regime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The holiday calendar of DOMAIN.md D5 as data: one national calendar, read by everyone, edited by holders of
 * {@code CALENDAR_MANAGE}. Every edit is audited in the same transaction and drops the {@link WorkingCalendar}
 * cache once committed.
 */
@Component
public class CalendarDays {
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;
    static final int MAX_NAME = 200;
    static final int MAX_BASIS = 1000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final WorkingCalendar calendar;

    CalendarDays(JdbcClient jdbc, AuditLog audit, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.calendar = calendar;
    }

    public List<CalendarDay> inYear(int year) {
        checkYear(year);
        return jdbc.sql("""
                        SELECT day, kind, name_vi, legal_basis FROM calendar_day
                        WHERE day >= ? AND day < ? ORDER BY day""")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1))
                .query((rs, n) -> new CalendarDay(rs.getObject("day", LocalDate.class),
                        DayKind.valueOf(rs.getString("kind")), rs.getString("name_vi"), rs.getString("legal_basis")))
                .list();
    }

    /**
     * Adds a day. A swapped working day must be a Saturday or Sunday; a compensatory day off must be a weekday; a
     * day already in the calendar is a conflict (remove it first).
     */
    @Transactional
    public CalendarDay add(CalendarDay day, CurrentUser by) {
        CalendarDay clean = validated(day);
        int inserted = jdbc.sql("""
                        INSERT INTO calendar_day (day, kind, name_vi, legal_basis, created_by_name)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING""")
                .params(clean.day(), clean.kind().name(), clean.nameVi(), clean.legalBasis(),
                        by == null ? null : by.username())
                .update();
        if (inserted == 0) {
            throw new ConflictException("Ngày " + WorkingCalendarFormat.day(clean.day())
                    + " đã có trong lịch; hãy xóa trước khi thêm lại (the day is already in the calendar).");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("day", clean.day().toString());
        details.put("kind", clean.kind().name());
        details.put("name", clean.nameVi());
        details.put("legalBasis", clean.legalBasis());
        audit.record(AuditEntry.success("calendar.day.added", "calendar_day", clean.day(), null, details));
        invalidateAfterCommit();
        return clean;
    }

    /** Removes a day; a day not in the calendar is a 404. */
    @Transactional
    public CalendarDay remove(LocalDate day) {
        if (day == null) {
            throw InvalidInputException.field("date", "Chọn ngày (a date is required).");
        }
        List<CalendarDay> removed = jdbc.sql("""
                        DELETE FROM calendar_day WHERE day = ? RETURNING day, kind, name_vi, legal_basis""")
                .param(day)
                .query((rs, n) -> new CalendarDay(rs.getObject("day", LocalDate.class),
                        DayKind.valueOf(rs.getString("kind")), rs.getString("name_vi"), rs.getString("legal_basis")))
                .list();
        if (removed.isEmpty()) {
            throw new NotFoundException("calendar day", day);
        }
        CalendarDay before = removed.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("day", before.day().toString());
        details.put("kind", before.kind().name());
        details.put("name", before.nameVi());
        details.put("legalBasis", before.legalBasis());
        audit.record(AuditEntry.success("calendar.day.removed", "calendar_day", day, null, details));
        invalidateAfterCommit();
        return before;
    }

    static void checkYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw InvalidInputException.field("year", "Năm phải từ " + FIRST_YEAR + " đến " + LAST_YEAR
                    + " (year must be " + FIRST_YEAR + "-" + LAST_YEAR + ").");
        }
    }

    /** Checks a day without writing it; throws {@link InvalidInputException} with the field of every problem. */
    public static CalendarDay validate(CalendarDay day) {
        return validated(day);
    }

    static CalendarDay validated(CalendarDay day) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = day.day();
        String name = day.nameVi() == null ? "" : day.nameVi().strip();
        String basis = day.legalBasis() == null ? "" : day.legalBasis().strip();
        if (date == null) {
            errors.add(new FieldError("date", "Chọn ngày (a date is required)."));
        } else if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            errors.add(new FieldError("date", "Năm phải từ " + FIRST_YEAR + " đến " + LAST_YEAR
                    + " (year must be " + FIRST_YEAR + "-" + LAST_YEAR + ")."));
        }
        if (day.kind() == null) {
            errors.add(new FieldError("kind", "Chọn loại ngày (a kind is required: HOLIDAY, COMPENSATORY_DAY_OFF, "
                    + "WORKING_DAY)."));
        } else if (date != null) {
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (day.kind() == DayKind.WORKING_DAY && !weekend) {
                errors.add(new FieldError("kind", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật "
                        + "(a swapped working day must be a Saturday or Sunday)."));
            }
            if (day.kind() == DayKind.COMPENSATORY_DAY_OFF && weekend) {
                errors.add(new FieldError("kind", "Ngày nghỉ bù phải là ngày làm việc trong tuần "
                        + "(a compensatory day off must be a weekday)."));
            }
        }
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "Nhập tên ngày (a name is required)."));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "Tên tối đa " + MAX_NAME + " ký tự (at most " + MAX_NAME
                    + " characters)."));
        }
        if (basis.isEmpty()) {
            errors.add(new FieldError("legalBasis", "Nhập căn cứ pháp lý, ví dụ thông báo của Chính phủ "
                    + "(a legal basis is required)."));
        } else if (basis.length() > MAX_BASIS) {
            errors.add(new FieldError("legalBasis", "Căn cứ tối đa " + MAX_BASIS + " ký tự (at most " + MAX_BASIS
                    + " characters)."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Dữ liệu ngày không hợp lệ (invalid calendar day).", errors);
        }
        return new CalendarDay(date, day.kind(), name, basis);
    }

    private void invalidateAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    calendar.invalidate();
                }
            });
        } else {
            calendar.invalidate();
        }
    }
}
