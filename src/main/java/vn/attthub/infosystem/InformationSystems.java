package vn.attthub.infosystem;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules may read about registered systems, and the one way a system's level changes: an approved level
 * dossier ({@link #recordApprovedLevel}). Reads here apply no scope: callers check the caller's scope themselves.
 */
@Component
public class InformationSystems {
    private final Systems systems;
    private final AuditLog audit;

    InformationSystems(Systems systems, AuditLog audit) {
        this.systems = systems;
        this.audit = audit;
    }

    /** The system with its level inputs (component levels derived from its components' approved levels). */
    public Optional<SystemSummary> find(UUID id) {
        return systems.findWithComponentLevels(id).map(w -> summary(w.system(), w.componentLevels()));
    }

    /** The system registered under {@code code} (codes are unique, compared without case). */
    public Optional<SystemSummary> findByCode(String code) {
        return systems.idOfCode(code).flatMap(this::find);
    }

    /** The component systems of a composite system (Decree 85/2016 Art 5.2), by code. */
    public List<SystemSummary> components(UUID systemId) {
        return systems.components(systemId).stream().map(this::summary).toList();
    }

    /**
     * The registered agency hosting the system (data centre, cloud or leased service provider), if any: a network
     * member with a responsibility for the system that incident notices go to (Decision 05/2017 Art 11.5).
     */
    public Optional<vn.attthub.shared.AgencyId> hostingProviderOf(UUID systemId) {
        return systems.find(systemId).map(InformationSystem::hostingProviderId);
    }

    SystemSummary summary(InformationSystem s) {
        return summary(s, systems.componentLevels(s.id()));
    }

    private static SystemSummary summary(InformationSystem s, List<Integer> componentLevels) {
        return new SystemSummary(s.id(), s.code(), s.name(), s.ownerId(), s.operatorId(), s.lifecycle(),
                s.approvedLevel(), s.criteria().toInputs(s.systemType(), s.informationTypes(), componentLevels),
                s.hostingProviderId());
    }

    /**
     * Records the level approved by a level dossier (Decree 85/2016 Art 12, 17): the system's level becomes
     * {@code level}, whatever it was, because an approval decided it. Nothing else changes a system's level, so an
     * approved level is never lowered automatically (DOMAIN.md D3). Joins the caller's transaction and writes the
     * audit entry in it. An approval older than the one already recorded is refused (409), so that approvals
     * delivered out of order cannot roll the level back.
     *
     * @throws NotFoundException        when the system does not exist
     * @throws IllegalArgumentException when the level is not 1-5 or the dossier or time is missing
     */
    @Transactional
    public void recordApprovedLevel(UUID systemId, int level, UUID dossierId, Instant approvedAt) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("level must be 1-5 (Decree 85/2016 Art 7-11), was " + level);
        }
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Instant at = approvedAt.truncatedTo(ChronoUnit.MICROS);
        InformationSystem current = systems.findForUpdate(systemId)
                .orElseThrow(() -> new NotFoundException("information-system", systemId));
        if (current.approvedAt() != null && at.isBefore(current.approvedAt())) {
            throw new ConflictException("Hệ thống đã có cấp độ được phê duyệt sau thời điểm này (dossier "
                    + current.approvedDossierId() + "); không ghi đè bằng phê duyệt cũ hơn "
                    + "(a later approval is already recorded).");
        }
        systems.recordApproval(systemId, level, dossierId, at);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", current.code());
        details.put("approvedLevel", AuditEntry.change(current.approvedLevel(), level));
        details.put("dossierId", AuditEntry.change(current.approvedDossierId(), dossierId));
        details.put("approvedAt", at.toString());
        AuditEntry entry = AuditEntry.success("information-system.level-approved", "information-system", systemId,
                current.ownerId(), details);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser) {
            audit.record(entry);
        } else {
            audit.recordFor(null, "system", entry);
        }
    }
}
