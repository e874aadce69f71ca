package vn.attthub.organisation;

/** What kind of body an agency is; decides where it may sit in the tree only loosely (the data is authoritative). */
public enum AgencyKind {
    GOVERNMENT,
    MINISTRY,
    MINISTERIAL_AGENCY,
    GOVERNMENT_AGENCY,
    PROVINCE,
    /** A centrally-run city (thành phố trực thuộc trung ương). */
    CITY,
    DEPARTMENT,
    UNIT,
    DISTRICT,
    COMMUNE,
    ENTERPRISE;

    public static AgencyKind parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
