package vn.attthub.organisation;

/** Contacts every agency keeps current; a change must be notified within 24 hours (Circular 20/2017 Art 6.1.b). */
public enum ContactKind {
    /** Người đứng đầu. */
    HEAD,
    /** Đầu mối ATTT. */
    SECURITY_FOCAL_POINT,
    /** Đầu mối ứng cứu sự cố 24/7. */
    IR_CONTACT_24X7
}
