package vn.attthub.incident;

/**
 * The emergency-response plan a serious incident falls under (Decision 05/2017 Art 10): national for level 5 or the
 * national list, otherwise by the level 4 owner: a central agency, a province, or an enterprise.
 */
enum EmergencyPlan {
    NATIONAL, CENTRAL_AGENCY, LOCAL, ENTERPRISE;

    /**
     * The plan the platform proposes. {@code ownerTopKind} is the kind of the owner's top-level body below the
     * government (MINISTRY, PROVINCE, ENTERPRISE, ...); null when unknown.
     */
    static EmergencyPlan propose(Integer level, boolean nationalList, String ownerKind, String ownerTopKind) {
        if (nationalList || (level != null && level >= 5)) return NATIONAL;
        if ("ENTERPRISE".equals(ownerKind) || "ENTERPRISE".equals(ownerTopKind)) return ENTERPRISE;
        if ("PROVINCE".equals(ownerTopKind) || "CITY".equals(ownerTopKind)) return LOCAL;
        return CENTRAL_AGENCY;
    }

    public String labelVi() {
        return switch (this) {
            case NATIONAL -> "Phương án quốc gia";
            case CENTRAL_AGENCY -> "Phương án của bộ, cơ quan trung ương";
            case LOCAL -> "Phương án của địa phương";
            case ENTERPRISE -> "Phương án của doanh nghiệp";
        };
    }
}
