package vn.attthub.organisation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Legal roles an agency can hold (Decree 85/2016 Art 3; Decision 05/2017 Art 4-7). Who holds one on a given date is
 * data in {@code agency_role}, never code.
 */
public enum AgencyRoleKind {
    /** Chủ quản hệ thống thông tin (ND85 Art 3.1). */
    SYSTEM_OWNER,
    /** Đơn vị chuyên trách về ATTT of an owner (ND85 Art 3.5): names the owner it serves. */
    SECURITY_UNIT,
    /** Đơn vị chuyên trách về CNTT of a ministry or province (ND85 Art 3.4). */
    IT_UNIT,
    /** Đơn vị chuyên trách ứng cứu sự cố of a ministry or province (QD05 Art 6). */
    IR_UNIT,
    /** Thành viên mạng lưới ứng cứu sự cố quốc gia (QD05 Art 7.1). */
    IR_NETWORK_MEMBER,
    /** Cơ quan điều phối quốc gia (QD05 Art 7.3). */
    NATIONAL_COORDINATOR,
    /** Cơ quan thường trực (QD05 Art 4). */
    STANDING_BODY,
    /** The authority that appraises level 4-5 dossiers nationally (ND85 Art 12). */
    NATIONAL_APPRAISAL_AUTHORITY,
    /** Service provider / ISP (QD05 Art 7.4). */
    SERVICE_PROVIDER;

    /** Roles held on behalf of another agency: {@code for_agency_id} is mandatory. */
    public static final Set<AgencyRoleKind> SERVING_ANOTHER = EnumSet.of(SECURITY_UNIT, IT_UNIT, IR_UNIT);
    /** Roles only one agency holds at a time (per served agency for the serving roles). */
    public static final Set<AgencyRoleKind> SINGLE_HOLDER = EnumSet.of(SECURITY_UNIT, IT_UNIT, IR_UNIT,
            NATIONAL_COORDINATOR, STANDING_BODY, NATIONAL_APPRAISAL_AUTHORITY);

    /**
     * National roles that may also be held for one agency's subtree only: the Ministry of National Defence and the
     * Ministry of Public Security appraise level 4-5 dossiers of the systems they manage (Decree 85/2016 Art
     * 12.3.b-c), while the national appraisal authority appraises everyone else's (Art 12.3.a).
     */
    public static final Set<AgencyRoleKind> MAY_SERVE_ANOTHER = EnumSet.of(NATIONAL_APPRAISAL_AUTHORITY);

    public boolean mayServeAnother() {
        return MAY_SERVE_ANOTHER.contains(this);
    }

    public boolean servesAnother() {
        return SERVING_ANOTHER.contains(this);
    }

    public boolean singleHolder() {
        return SINGLE_HOLDER.contains(this);
    }
}
