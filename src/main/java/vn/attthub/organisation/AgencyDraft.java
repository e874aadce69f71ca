package vn.attthub.organisation;

import java.time.LocalDate;
import java.util.UUID;

/** The editable fields of an agency, as a person or an import file gives them (kind as text: it may be wrong). */
public record AgencyDraft(String code, String name, String nameEn, String kind, UUID parentId, String address,
                          LocalDate validFrom, LocalDate validTo) {

    public AgencyDraft withValidFromDefault(LocalDate today) {
        return validFrom != null ? this : new AgencyDraft(code, name, nameEn, kind, parentId, address, today, validTo);
    }

    static String trimToNull(String s) {
        if (s == null) return null;
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
