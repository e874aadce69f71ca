package vn.attthub.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import vn.attthub.shared.DemoData;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Demo progress on the demo systems' baselines, so that the checklist and the coverage dashboard are not empty: once
 * the demo dossiers have approved a level (the baseline follows that approval asynchronously), the requirements get
 * varied states: implemented with current evidence, implemented with evidence that has expired (stale), partly
 * implemented with a due date (some overdue, owned by the operator so that "Việc của tôi" shows them), planned, not
 * applicable with a justification, not started. Demo mode only; runs once per baseline (only while every requirement
 * is still untouched), after {@code DemoDossiers} (order 100).
 */
@Component
@Order(110)
class DemoBaselines implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoBaselines.class);
    /** Demo systems whose demo dossier approves a level (docs/demo-data.md). */
    static final List<String> SYSTEMS = List.of("HT-LAO-CAI-DVC");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcClient jdbc;
    private final ComplianceCounters counters;
    private final TransactionTemplate tx;
    private final DemoData demoData;

    DemoBaselines(JdbcClient jdbc, ComplianceCounters counters, TransactionTemplate tx,
                  DemoData demoData) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.tx = tx;
        this.demoData = demoData;
    }

    boolean enabled() {
        return demoData.enabled();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled()) return;
        LocalDate today = ComplianceCounters.today();
        for (String code : SYSTEMS) {
            UUID system = awaitBaseline(code);
            if (system == null) {
                log.warn("Demo baseline of {} skipped: no baseline (its demo dossier is not approved)", code);
                continue;
            }
            tx.executeWithoutResult(s -> vary(system, today));
        }
    }

    private UUID awaitBaseline(String code) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            var id = jdbc.sql("SELECT system_id FROM control_baseline WHERE system_code = ?").param(code)
                    .query(UUID.class).optional();
            if (id.isPresent() || Instant.now().isAfter(deadline)) return id.orElse(null);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Gives an untouched baseline varied states; a baseline someone has worked on is left alone. */
    void vary(UUID system, LocalDate today) {
        boolean touched = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM control_baseline_item WHERE system_id = ? AND status <> 'NOT_STARTED')
                            OR EXISTS (SELECT 1 FROM control_evidence_link WHERE system_id = ?)""")
                .params(system, system).query(Boolean.class).single();
        if (touched) return;
        UUID operator = jdbc.sql("SELECT coalesce(operator_agency_id, owner_agency_id) FROM control_baseline WHERE system_id = ?")
                .param(system).query(UUID.class).single();
        List<String> items = jdbc.sql("""
                        SELECT i.requirement_id FROM control_baseline_item i
                        JOIN control_requirement r ON r.id = i.requirement_id
                        WHERE i.system_id = ? AND i.required ORDER BY r.sort_order""")
                .param(system).query(String.class).list();
        UUID current = evidence(operator, "Quy chế bảo đảm an toàn thông tin mạng (bản hiện hành)",
                "https://vanban.laocai.gov.vn/quy-che-attt-2026.pdf", today.minusMonths(6), today.plusYears(1));
        UUID report = evidence(operator, "Báo cáo kiểm tra, đánh giá an toàn thông tin năm 2026",
                "https://vanban.laocai.gov.vn/bao-cao-danh-gia-attt-2026.pdf", today.minusMonths(2), null);
        UUID expired = evidence(operator, "Hợp đồng dịch vụ giám sát an toàn thông tin (đã hết hạn)",
                "https://vanban.laocai.gov.vn/hop-dong-giam-sat-2024.pdf", today.minusYears(2), today.minusDays(20));
        for (int n = 0; n < items.size(); n++) {
            String requirement = items.get(n);
            switch (n % 10) {
                case 0, 1, 2, 3 -> {
                    set(system, requirement, "IMPLEMENTED", null, null, null);
                    link(n % 2 == 0 ? current : report, system, requirement);
                }
                case 4 -> {
                    set(system, requirement, "IMPLEMENTED", null, null, null);
                    link(expired, system, requirement);
                }
                case 5 -> set(system, requirement, "PARTLY_IMPLEMENTED", operator, today.minusDays(10 + n), null);
                case 6 -> set(system, requirement, "PARTLY_IMPLEMENTED", operator, today.plusDays(20 + n), null);
                case 7 -> set(system, requirement, "PLANNED", operator, today.plusMonths(3), null);
                case 8 -> set(system, requirement, "NOT_APPLICABLE", null, null,
                        "Hệ thống không có thành phần này (xác nhận trong hồ sơ đề xuất cấp độ).");
                default -> {
                    // not started: left as the approval created it
                }
            }
        }
        counters.recompute(List.of(system), today);
        log.info("Demo baseline progress given to {} requirements of system {}", items.size(), system);
    }

    private UUID evidence(UUID agency, String title, String url, LocalDate effective, LocalDate expires) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO control_evidence (id, agency_id, kind, title, url, effective_on, expires_on)
                        VALUES (?, ?, 'LINK', ?, ?, ?, ?)""")
                .params(id, agency, title, url, effective, expires).update();
        return id;
    }

    private void set(UUID system, String requirement, String status, UUID ownerAgency, LocalDate due,
                     String justification) {
        jdbc.sql("""
                        UPDATE control_baseline_item SET status = ?, owner_agency_id = ?, due_on = ?, justification = ?,
                               owner_name = ?, updated_at = now(), version = version + 1
                        WHERE system_id = ? AND requirement_id = ?""")
                .params(status, ownerAgency, due, justification, ownerAgency == null ? null : "Tổ vận hành hệ thống",
                        system, requirement).update();
    }

    private void link(UUID evidence, UUID system, String requirement) {
        jdbc.sql("INSERT INTO control_evidence_link (evidence_id, system_id, requirement_id) VALUES (?, ?, ?)")
                .params(evidence, system, requirement).update();
    }
}
