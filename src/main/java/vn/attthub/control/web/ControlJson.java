package vn.attthub.control.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import vn.attthub.control.Assessments;
import vn.attthub.control.AssessmentDue;
import vn.attthub.control.Baselines;
import vn.attthub.control.ControlCatalog;
import vn.attthub.control.Coverage;
import vn.attthub.control.EvidenceRegistry;
import vn.attthub.control.EvidenceValidity;
import vn.attthub.control.RequirementStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the control API. */
final class ControlJson {
    private ControlJson() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record ItemRequest(RequirementStatus status, String justification, UUID ownerAgencyId, String ownerName,
                       LocalDate dueOn, String note) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record LinkEvidenceRequest(String title, String url, LocalDate effectiveOn, LocalDate expiresOn, UUID systemId,
                               String requirementId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record EvidenceLinkRequest(UUID systemId, String requirementId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record CompletionRequest(LocalDate completedOn, String note, UUID evidenceId) {
    }

    record Requirement(String id, String group, String kind, String titleVi, String titleEn, int minLevel,
                       Integer maxLevel, String citation, boolean confirmed, String note) {
        static Requirement of(ControlCatalog.Requirement r, ControlCatalog catalog) {
            return new Requirement(r.id(), r.group(), catalog.group(r.group()) == null ? null
                    : catalog.group(r.group()).kind().name(), r.titleVi(), r.titleEn(), r.minLevel(), r.maxLevel(),
                    r.citation(), r.confirmed(), r.note());
        }
    }

    record Catalog(String regime, String version, String basis, String sourceNote, List<ControlCatalog.Group> groups,
                   List<Requirement> requirements, List<ControlCatalog.Assessment> assessments) {
        static Catalog of(ControlCatalog c) {
            return new Catalog(c.regime(), c.version(), c.basis(), c.sourceNote(), c.groups(),
                    c.requirements().stream().map(r -> Requirement.of(r, c)).toList(), c.assessments());
        }
    }

    record Evidence(UUID id, String kind, String title, String url, String fileName, String mediaType, Long sizeBytes,
                    String sha256, LocalDate effectiveOn, LocalDate expiresOn, EvidenceValidity validity) {
        static Evidence of(Baselines.Evidence e) {
            return new Evidence(e.id(), e.kind(), e.title(), e.url(), e.fileName(), e.mediaType(), e.sizeBytes(),
                    e.sha256(), e.effectiveOn(), e.expiresOn(), e.validity());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Item(Requirement requirement, boolean required, int addedForLevel, Instant addedAt, Instant retiredAt,
                RequirementStatus status, String justification, UUID ownerAgencyId, String ownerAgencyName,
                String ownerName, LocalDate dueOn, String note, int version, Instant updatedAt, boolean applicable,
                boolean compliant, boolean stale, boolean unevidenced, boolean overdue, List<Evidence> evidence) {
        static Item of(Baselines.Item i, ControlCatalog catalog) {
            return new Item(Requirement.of(i.requirement(), catalog), i.required(), i.addedForLevel(), i.addedAt(),
                    i.retiredAt(), i.status(), i.justification(),
                    i.ownerAgencyId() == null ? null : i.ownerAgencyId().value(), i.ownerAgencyName(), i.ownerName(),
                    i.dueOn(), i.note(), i.version(), i.updatedAt(), i.state().applicable(), i.state().compliant(),
                    i.state().stale(), i.state().unevidenced(), i.overdue(),
                    i.evidence().stream().map(Evidence::of).toList());
        }
    }

    record Compliance(int applicable, int compliant, int stale, Integer percent) {
        static Compliance of(Baselines.Counts c) {
            return new Compliance(c.applicable(), c.compliant(), c.stale(), c.percent());
        }
    }

    record Assessment(UUID id, String obligationId, String scope, UUID systemId, String systemCode, UUID agencyId,
                      String agencyName, Integer level, int periodMonths, LocalDate dueOn, LocalDate completedOn,
                      String note, int version, AssessmentDue due, boolean overdue, String citation) {
        static Assessment of(Assessments.Task t, ControlCatalog catalog) {
            ControlCatalog.Assessment a = t.obligation(catalog);
            return new Assessment(t.id(), t.obligationId(), t.scope().name(), t.systemId(), t.systemCode(),
                    t.agencyId().value(), t.agencyName(), t.level(), t.periodMonths(), t.dueOn(), t.completedOn(),
                    t.note(), t.version(), t.due(), t.due() == AssessmentDue.OVERDUE, a == null ? null : a.citation());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Baseline(UUID systemId, String systemCode, String systemName, Integer level, String regime,
                    String catalogVersion, Instant approvedAt, UUID dossierId, Compliance compliance, List<Item> items,
                    List<Baselines.LevelChange> history, List<Assessment> assessments) {
    }

    record EvidenceLink(UUID systemId, String systemCode, String systemName, String requirementId, Instant linkedAt) {
    }

    record EvidenceDetail(UUID id, UUID agencyId, String kind, String title, String url, String fileName,
                          String mediaType, Long sizeBytes, String sha256, LocalDate effectiveOn, LocalDate expiresOn,
                          Instant createdAt, EvidenceValidity validity, List<EvidenceLink> links) {
        static EvidenceDetail of(EvidenceRegistry.Evidence e) {
            return new EvidenceDetail(e.id(), e.agencyId().value(), e.kind(), e.title(), e.url(), e.fileName(),
                    e.mediaType(), e.sizeBytes(), e.sha256(), e.effectiveOn(), e.expiresOn(), e.createdAt(),
                    e.validity(), e.links().stream().map(l -> new EvidenceLink(l.systemId(), l.systemCode(),
                    l.systemName(), l.requirementId(), l.linkedAt())).toList());
        }
    }

    record CoverageRow(UUID agencyId, String code, String name, boolean own, long operating, long operatingApproved,
                       Integer approvedPercent, long baselines, long fullyCompliant, long applicable, long compliant,
                       Integer compliancePercent, long stale, long assessmentsDueSoon, long assessmentsOverdue) {
        static CoverageRow of(Coverage.Row r) {
            return new CoverageRow(r.agencyId(), r.code(), r.name(), r.own(), r.operating(), r.operatingApproved(),
                    r.approvedPercent(), r.baselines(), r.fullyCompliant(), r.applicable(), r.compliant(),
                    r.compliancePercent(), r.stale(), r.assessmentsDueSoon(), r.assessmentsOverdue());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CoverageReport(UUID agencyId, String code, String name, LocalDate asOf, int targetApprovedPercent,
                          String targetBasis, CoverageRow total, List<CoverageRow> children, Long overdueDossierSteps) {
    }

    record Page<T>(List<T> items, String next) {
    }
}
