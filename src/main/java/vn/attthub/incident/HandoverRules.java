package vn.attthub.incident;

import vn.attthub.organisation.AgencyRoleKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may take over a case (issue 4 §3). Pure rules over the roles the agencies hold on the day (from the agency
 * registry, never from code):
 * <ul>
 *   <li>HANDOVER: to any agency holding an incident-response role: the IR unit of a ministry or province (Decision
 *       05/2017 Art 6), a member of the national IR network (Art 7.1) or the national coordinator (Art 7.3);</li>
 *   <li>ESCALATION: up one coordination level: the IR unit (or any other lead) escalates to the national
 *       coordinator, which coordinates serious and national cases (QD05 Art 7.3, 11.5, 14.2; Circular 20/2017 Art
 *       11); the national coordinator escalates to the standing body (QD05 Art 4, 11.5);</li>
 *   <li>never to the current lead itself.</li>
 * </ul>
 */
final class HandoverRules {
    enum Kind {
        HANDOVER, ESCALATION;

        String labelVi() {
            return this == HANDOVER ? "Chuyển giao" : "Chuyển lên cấp trên";
        }
    }

    enum Status {
        PENDING, ACCEPTED, DECLINED, WITHDRAWN;

        String labelVi() {
            return switch (this) {
                case PENDING -> "Chờ tiếp nhận";
                case ACCEPTED -> "Đã tiếp nhận";
                case DECLINED -> "Bị từ chối";
                case WITHDRAWN -> "Đã rút lại";
            };
        }
    }

    /** Roles that make an agency a possible lead of a hand-over (QD05 Art 6, 7.1, 7.3). */
    static final Set<AgencyRoleKind> RESPONSE_ROLES = EnumSet.of(AgencyRoleKind.IR_UNIT,
            AgencyRoleKind.IR_NETWORK_MEMBER, AgencyRoleKind.NATIONAL_COORDINATOR);
    /** Roles an escalation may reach (QD05 Art 4, 7.3). */
    static final Set<AgencyRoleKind> ESCALATION_ROLES = EnumSet.of(AgencyRoleKind.NATIONAL_COORDINATOR,
            AgencyRoleKind.STANDING_BODY);

    private HandoverRules() {
    }

    /** Coordination level: 1 a ministry/province IR unit or any other lead, 2 the national coordinator, 3 the standing body. */
    static int level(Set<AgencyRoleKind> roles) {
        if (roles.contains(AgencyRoleKind.STANDING_BODY)) return 3;
        if (roles.contains(AgencyRoleKind.NATIONAL_COORDINATOR)) return 2;
        return 1;
    }

    /**
     * Why the request may not go from {@code fromRoles} (the current lead) to {@code toRoles}, or null when it may.
     *
     * @param self whether the target is the current lead itself
     */
    static String refusal(Kind kind, boolean self, Set<AgencyRoleKind> fromRoles, Set<AgencyRoleKind> toRoles) {
        if (self) {
            return "Không thể chuyển cho chính đơn vị đang chủ trì (the target is the current lead).";
        }
        return switch (kind) {
            case HANDOVER -> toRoles.stream().anyMatch(RESPONSE_ROLES::contains) ? null
                    : "Chỉ chuyển giao cho đơn vị chuyên trách ứng cứu sự cố, thành viên mạng lưới hoặc cơ quan điều "
                    + "phối quốc gia (QĐ05 Điều 6, 7) (the target holds no incident-response role today).";
            case ESCALATION -> toRoles.stream().anyMatch(ESCALATION_ROLES::contains)
                    && level(toRoles) > level(fromRoles) ? null
                    : "Chỉ chuyển lên cơ quan điều phối cấp trên: đơn vị ứng cứu của bộ, tỉnh → cơ quan điều phối "
                    + "quốc gia → cơ quan thường trực (QĐ05 Điều 4, 7.3, 11.5) (the target is not a higher-level "
                    + "coordinator).";
        };
    }
}
