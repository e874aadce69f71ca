package vn.attthub.control;

import java.time.LocalDate;

/** Whether an evidence item counts on a given day: from its effective date to its expiry date, both inclusive. */
public enum EvidenceValidity {
    NOT_YET_EFFECTIVE, CURRENT, EXPIRED;

    public static EvidenceValidity of(LocalDate effectiveOn, LocalDate expiresOn, LocalDate today) {
        if (effectiveOn != null && today.isBefore(effectiveOn)) return NOT_YET_EFFECTIVE;
        if (expiresOn != null && today.isAfter(expiresOn)) return EXPIRED;
        return CURRENT;
    }
}
