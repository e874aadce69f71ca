package vn.attthub.organisation.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import vn.attthub.organisation.Agency;
import vn.attthub.organisation.AgencyContact;
import vn.attthub.organisation.AgencyDraft;
import vn.attthub.organisation.AgencyKind;
import vn.attthub.organisation.AgencyQueries;
import vn.attthub.organisation.AgencyRole;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.ContactKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the agency API (never the persistence rows themselves). */
final class AgencyJson {
    private AgencyJson() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record AgencyRequest(String code, String name, String nameEn, AgencyKind kind, UUID parentId, String address,
                         LocalDate validFrom, LocalDate validTo) {
        AgencyDraft draft() {
            return new AgencyDraft(code, name, nameEn, kind == null ? null : kind.name(), parentId, address,
                    validFrom, validTo);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AgencyItem(UUID id, String code, String name, String nameEn, AgencyKind kind, UUID parentId,
                      String address, LocalDate validFrom, LocalDate validTo, int depth, int version, boolean demo) {
        static AgencyItem of(Agency a) {
            return new AgencyItem(a.id(), a.code(), a.name(), a.nameEn(), a.kind(), a.parentId(), a.address(),
                    a.validFrom(), a.validTo(), a.depth(), a.version(), a.demo());
        }
    }

    record AgencyDetail(UUID id, String code, String name, String nameEn, AgencyKind kind, UUID parentId,
                        String parentCode, String parentName, String address, LocalDate validFrom, LocalDate validTo,
                        int depth, int version, boolean demo, @JsonRawValue String predecessors,
                        @JsonRawValue String successors) {
        static AgencyDetail of(AgencyQueries.Detail d) {
            Agency a = d.agency();
            return new AgencyDetail(a.id(), a.code(), a.name(), a.nameEn(), a.kind(), a.parentId(), d.parentCode(),
                    d.parentName(), a.address(), a.validFrom(), a.validTo(), a.depth(), a.version(), a.demo(),
                    d.predecessorsJson(), d.successorsJson());
        }
    }

    record Page<T>(List<T> items, String next) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record SuccessionRequest(List<UUID> successorIds, LocalDate effectiveOn, String legalBasis) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record RoleRequest(AgencyRoleKind role, UUID forAgencyId, LocalDate validFrom, LocalDate validTo,
                       String legalBasis) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record EndRoleRequest(LocalDate validTo) {
    }

    record RoleItem(UUID id, UUID agencyId, AgencyRoleKind role, UUID forAgencyId, String forAgencyCode,
                    String forAgencyName, LocalDate validFrom, LocalDate validTo, String legalBasis, boolean active) {
        static RoleItem of(AgencyRole r, LocalDate today) {
            return new RoleItem(r.id(), r.agencyId(), r.role(), r.forAgencyId(), r.forAgencyCode(), r.forAgencyName(),
                    r.validFrom(), r.validTo(), r.legalBasis(), r.activeOn(today));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record ContactRequest(String fullName, String position, String phone, String email) {
    }

    record ContactItem(UUID id, ContactKind kind, String fullName, String position, String phone, String email,
                       Instant validFrom, Instant validTo, boolean current, UUID recordedBy, String recordedByName) {
        static ContactItem of(AgencyContact c) {
            return new ContactItem(c.id(), c.kind(), c.fullName(), c.position(), c.phone(), c.email(), c.validFrom(),
                    c.validTo(), c.validTo() == null, c.recordedBy(), c.recordedByName());
        }
    }
}
