package vn.attthub.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * Case states (Circular 20/2017 Art 11 and Appendix II; Decision 05/2017 Art 14). Eradication and recovery may fall
 * back to containment when the system is not stable (TT20 Appendix II step 3).
 */
enum IncidentState {
    RECEIVED, VERIFIED, CLASSIFIED, RESPONDING, CONTAINED, ERADICATED, RECOVERED, CLOSED;

    Set<IncidentState> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(VERIFIED);
            case VERIFIED -> EnumSet.of(CLASSIFIED);
            case CLASSIFIED -> EnumSet.of(RESPONDING);
            case RESPONDING -> EnumSet.of(CONTAINED);
            case CONTAINED -> EnumSet.of(ERADICATED);
            case ERADICATED -> EnumSet.of(RECOVERED, CONTAINED);
            case RECOVERED -> EnumSet.of(CLOSED, CONTAINED);
            case CLOSED -> EnumSet.noneOf(IncidentState.class);
        };
    }

    /** Steps the national coordinator takes: verification, classification, closing (QD05 14.2; TT20 9.2.b). */
    boolean coordinatorStep() {
        return this == VERIFIED || this == CLASSIFIED || this == CLOSED;
    }

    boolean open() {
        return this != CLOSED;
    }

    public String labelVi() {
        return switch (this) {
            case RECEIVED -> "Đã tiếp nhận";
            case VERIFIED -> "Đã xác minh";
            case CLASSIFIED -> "Đã phân loại";
            case RESPONDING -> "Đang ứng cứu";
            case CONTAINED -> "Đã ngăn chặn";
            case ERADICATED -> "Đã loại bỏ";
            case RECOVERED -> "Đã khôi phục";
            case CLOSED -> "Đã đóng";
        };
    }
}
