package vn.attthub.control;

import java.time.LocalDate;

/**
 * Where a periodic assessment stands on a day: overdue after its due date, due soon within {@link #SOON_DAYS} days
 * before it, otherwise upcoming (Decree 85/2016 Art 20.2.c sets the periods; the next one is due one period after
 * the approval or after the last completed assessment).
 */
public enum AssessmentDue {
    UPCOMING, DUE_SOON, OVERDUE;

    public static final int SOON_DAYS = 30;

    public static AssessmentDue of(LocalDate dueOn, LocalDate today) {
        if (today.isAfter(dueOn)) return OVERDUE;
        if (!today.plusDays(SOON_DAYS).isBefore(dueOn)) return DUE_SOON;
        return UPCOMING;
    }

    public static LocalDate next(LocalDate from, int periodMonths) {
        return from.plusMonths(periodMonths);
    }
}
