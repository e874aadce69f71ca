package vn.attthub.regime;

/** How a calendar day departs from "Monday to Friday work, Saturday and Sunday rest" (DOMAIN.md D5). */
public enum DayKind {
    /** Ngày nghỉ lễ, tết (Labour Code 2019 Art 112). */
    HOLIDAY,
    /** Ngày nghỉ bù (Art 111.3) or a weekday off swapped by the Government's announcement. */
    COMPENSATORY_DAY_OFF,
    /** Ngày làm bù: a Saturday or Sunday declared a working day by a swap. */
    WORKING_DAY;

    public boolean working() {
        return this == WORKING_DAY;
    }
}
