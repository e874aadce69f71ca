package vn.attthub.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * Statutory clocks of an incident (DOMAIN.md §4.3).
 * <ul>
 *   <li>NOTICE: within 5 days of detection (Circular 20/2017 Art 9.2.a; Decision 05/2017 Art 11.1.a). A late notice
 *       is accepted and marked LATE, never refused.</li>
 *   <li>INITIAL_REPORT: immediately when the incident exceeds the operator's capacity (TT20 Art 9.2.b): the
 *       configurable "immediately" target from the notice.</li>
 *   <li>ACKNOWLEDGEMENT: each recipient immediately (QD05 Art 12.1.c), same target, escalated to its superior.</li>
 *   <li>FINAL_REPORT: within 5 days after the response ends (TT20 Art 9.2.b).</li>
 * </ul>
 */
final class Deadlines {
    static final Duration NOTICE = Duration.ofDays(5);
    static final Duration FINAL_REPORT = Duration.ofDays(5);

    enum Kind {
        NOTICE("Thông tư 20/2017/TT-BTTTT Điều 9.2.a; Quyết định 05/2017/QĐ-TTg Điều 11.1.a"),
        INITIAL_REPORT("Thông tư 20/2017/TT-BTTTT Điều 9.2.b"),
        ACKNOWLEDGEMENT("Quyết định 05/2017/QĐ-TTg Điều 12.1.c"),
        FINAL_REPORT("Thông tư 20/2017/TT-BTTTT Điều 9.2.b");

        final String basis;

        Kind(String basis) {
            this.basis = basis;
        }

        String labelVi() {
            return switch (this) {
                case NOTICE -> "Thông báo sự cố (5 ngày từ khi phát hiện)";
                case INITIAL_REPORT -> "Báo cáo ban đầu (ngay lập tức)";
                case ACKNOWLEDGEMENT -> "Xác nhận đã nhận";
                case FINAL_REPORT -> "Báo cáo kết thúc (5 ngày sau khi kết thúc ứng cứu)";
            };
        }
    }

    enum Status {PENDING, ON_TIME, LATE, OVERDUE}

    private Deadlines() {
    }

    static Status status(Instant dueAt, Instant satisfiedAt, Instant now) {
        if (satisfiedAt != null) return satisfiedAt.isAfter(dueAt) ? Status.LATE : Status.ON_TIME;
        return now.isAfter(dueAt) ? Status.OVERDUE : Status.PENDING;
    }
}
