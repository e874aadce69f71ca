package vn.attthub.regime;

import java.time.LocalDate;

/** One day of the holiday calendar with its Vietnamese name and the source it comes from. */
public record CalendarDay(LocalDate day, DayKind kind, String nameVi, String legalBasis) {
}
