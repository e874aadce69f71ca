package vn.attthub.infosystem;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.SystemType;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.NotFoundException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract other modules build on: reading a system's summary and recording an approved level. */
@IntegrationTest
class InformationSystemsIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Systems systems;
    @Autowired
    InformationSystems informationSystems;
    @Autowired
    TransactionTemplate tx;

    static InformationSystem system(String code, TestCallers.Agency owner, LevelCriteria criteria) {
        return new InformationSystem(UUID.randomUUID(), code, "Hệ thống " + code, null, AgencyId.of(owner.id()),
                AgencyId.of(owner.id()), SystemType.CITIZEN_BUSINESS_SERVICE,
                EnumSet.of(InformationType.PUBLIC, InformationType.PERSONAL), criteria, Lifecycle.OPERATING,
                LocalDate.of(2024, 1, 15), Hosting.ON_PREMISES, null, null, null, null, null, false, 0, 0);
    }

    static String code() {
        return "HT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void findReturnsLevelInputsWithComponentLevelsFromTheRegistry() {
        TestCallers callers = new TestCallers(jdbc, port);
        var owner = callers.agency(callers.root(), "PROVINCE", "Tỉnh kiểm thử");
        LevelCriteria criteria = new LevelCriteria(3, false, 12_000, InfrastructureScope.PROVINCE, true, false,
                ConstructionGrade.II, null, null, null, null, null);
        InformationSystem composite = system(code(), owner, criteria);
        InformationSystem partA = system(code(), owner, LevelCriteria.NONE);
        InformationSystem partB = system(code(), owner, LevelCriteria.NONE);
        systems.insert(composite);
        systems.insert(partA);
        systems.insert(partB);
        systems.replaceLinks(composite.id(), List.of(partA.id(), partB.id()), List.of(), List.of(), List.of());
        tx.executeWithoutResult(s -> informationSystems.recordApprovedLevel(partA.id(), 3, UUID.randomUUID(),
                Instant.parse("2025-09-01T03:00:00Z")));

        SystemSummary summary = informationSystems.find(composite.id()).orElseThrow();
        assertThat(summary.code()).isEqualTo(composite.code());
        assertThat(summary.ownerId().value()).isEqualTo(owner.id());
        assertThat(summary.approvedLevel()).isNull();
        assertThat(summary.lifecycle()).isEqualTo(Lifecycle.OPERATING);
        assertThat(summary.levelInputs().systemType()).isEqualTo(SystemType.CITIZEN_BUSINESS_SERVICE);
        assertThat(summary.levelInputs().informationTypes())
                .isEqualTo(Set.of(InformationType.PUBLIC, InformationType.PERSONAL));
        assertThat(summary.levelInputs().onlinePublicServiceLevel()).isEqualTo(3);
        assertThat(summary.levelInputs().personalDataSubjects()).isEqualTo(12_000);
        assertThat(summary.levelInputs().infrastructureScope()).isEqualTo(InfrastructureScope.PROVINCE);
        assertThat(summary.levelInputs().constructionGrade()).isEqualTo(ConstructionGrade.II);
        assertThat(summary.levelInputs().nationalSecurityWork()).isNull();
        // Art 5.2: only the approved component level counts
        assertThat(summary.levelInputs().componentLevels()).containsExactly(3);
        assertThat(informationSystems.components(composite.id())).extracting(SystemSummary::code)
                .containsExactlyInAnyOrder(partA.code(), partB.code());
        assertThat(informationSystems.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void approvedLevelChangesOnlyByRecordedApprovalAndIsAudited() {
        TestCallers callers = new TestCallers(jdbc, port);
        var owner = callers.agency(callers.root(), "PROVINCE", "Tỉnh kiểm thử");
        InformationSystem s = system(code(), owner, LevelCriteria.NONE);
        systems.insert(s);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        tx.executeWithoutResult(t -> informationSystems.recordApprovedLevel(s.id(), 3, first,
                Instant.parse("2025-09-01T03:00:00Z")));
        assertThat(informationSystems.find(s.id()).orElseThrow().approvedLevel()).isEqualTo(3);
        InformationSystem stored = systems.find(s.id()).orElseThrow();
        assertThat(stored.approvedDossierId()).isEqualTo(first);
        assertThat(stored.approvedAt()).isEqualTo(Instant.parse("2025-09-01T03:00:00Z"));
        assertThat(stored.version()).isEqualTo(1);

        // a re-determination (Art 18) approved later may change it either way: it is an approval, not automatic
        tx.executeWithoutResult(t -> informationSystems.recordApprovedLevel(s.id(), 2, second,
                Instant.parse("2026-02-01T03:00:00Z")));
        assertThat(systems.find(s.id()).orElseThrow().approvedLevel()).isEqualTo(2);

        // an older approval arriving late does not roll the level back
        assertThatThrownBy(() -> tx.executeWithoutResult(t -> informationSystems.recordApprovedLevel(s.id(), 4,
                UUID.randomUUID(), Instant.parse("2025-12-01T03:00:00Z")))).isInstanceOf(ConflictException.class);
        assertThat(systems.find(s.id()).orElseThrow().approvedLevel()).isEqualTo(2);
        assertThatThrownBy(() -> informationSystems.recordApprovedLevel(s.id(), 6, second, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> informationSystems.recordApprovedLevel(UUID.randomUUID(), 3, second, Instant.now()))
                .isInstanceOf(NotFoundException.class);

        List<String> audited = jdbc.sql("SELECT details->'approvedLevel'->>'after' FROM audit_event "
                        + "WHERE action = 'information-system.level-approved' AND target_id = ? ORDER BY seq")
                .param(s.id().toString()).query(String.class).list();
        assertThat(audited).containsExactly("3", "2");
        String actor = jdbc.sql("SELECT actor_name FROM audit_event WHERE action = 'information-system.level-approved' "
                + "AND target_id = ? ORDER BY seq LIMIT 1").param(s.id().toString()).query(String.class).single();
        assertThat(actor).isEqualTo("system");
    }

    @Test
    void aFailedTransactionLeavesNeitherLevelNorAuditEntry() {
        TestCallers callers = new TestCallers(jdbc, port);
        var owner = callers.agency(callers.root(), "PROVINCE", "Tỉnh kiểm thử");
        InformationSystem s = system(code(), owner, LevelCriteria.NONE);
        systems.insert(s);
        assertThatThrownBy(() -> tx.executeWithoutResult(t -> {
            informationSystems.recordApprovedLevel(s.id(), 4, UUID.randomUUID(), Instant.now());
            throw new IllegalStateException("the caller's approval failed afterwards");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(systems.find(s.id()).orElseThrow().approvedLevel()).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_id = ?").param(s.id().toString())
                .query(Long.class).single()).isZero();
    }
}
