package vn.attthub.dossier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.document.MediaTypes;
import vn.attthub.document.PdfRenderer;
import vn.attthub.document.StoredFiles;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.shared.DemoData;
import vn.attthub.shared.AgencyId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Demo dossiers over the demo systems, so that a new user sees the workflow at once: an approved level-3 dossier with
 * its signed decision (HT-LAO-CAI-DVC), one under appraisal whose appraisal is overdue (HT-HA-NOI-QLVB), a draft
 * (HT-BYT-EMAIL) and a level-4 dossier awaiting the security unit's opinion (HT-TAY-NINH-TTDL). Runs after the demo
 * agencies, systems and signing certificates exist (those are created while {@code DemoAgencies}, order 10, runs);
 * loaded once, rows flagged {@code demo}.
 */
@Component
@Order(100)
class DemoDossiers implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoDossiers.class);
    private final JdbcClient jdbc;
    private final InformationSystems systems;
    private final LevelDossiers dossiers;
    private final DossierStore store;
    private final StoredFiles files;
    private final PdfRenderer renderer;
    private final OverdueSteps overdue;
    private final TransactionTemplate tx;
    private final DemoData demoData;

    DemoDossiers(JdbcClient jdbc, InformationSystems systems, LevelDossiers dossiers, DossierStore store,
                 StoredFiles files, PdfRenderer renderer, OverdueSteps overdue, TransactionTemplate tx,
                 DemoData demoData) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.dossiers = dossiers;
        this.store = store;
        this.files = files;
        this.renderer = renderer;
        this.overdue = overdue;
        this.tx = tx;
        this.demoData = demoData;
    }

    boolean enabled() {
        return demoData.enabled();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled()) return;
        boolean present = jdbc.sql("SELECT EXISTS (SELECT 1 FROM dossier WHERE demo)").query(Boolean.class).single();
        if (present) return;
        List<String> made = new ArrayList<>();
        for (Runnable r : List.<Runnable>of(
                () -> approvedLevel3("HT-LAO-CAI-DVC", made),
                () -> overdueAppraisal("HT-HA-NOI-QLVB", made),
                () -> draft("HT-BYT-EMAIL", made),
                () -> awaitingOpinion("HT-TAY-NINH-TTDL", made))) {
            try {
                tx.executeWithoutResult(status -> r.run());
            } catch (RuntimeException e) {
                log.warn("Demo dossier skipped: {}", e.getMessage());
            }
        }
        overdue.flag(Instant.now());
        log.info("Demo data: level dossiers for {}", made);
    }

    /** The demo systems are looked up by their published codes (docs/demo-data.md). */
    private Optional<SystemSummary> system(String code) {
        return systems.findByCode(code);
    }

    private LevelDossiers.Actor actor(AgencyId agency, String role) {
        return new LevelDossiers.Actor(null, "Dữ liệu mẫu (" + role + ")", agency);
    }

    private Dossier open(SystemSummary s, int level, Instant at) {
        return dossiers.open(s, level, "Thuyết minh mẫu: hệ thống " + s.name() + " đề xuất cấp độ " + level
                        + " theo các tiêu chí của Nghị định 85/2016/NĐ-CP và mức độ tổn hại theo Điều 21 Luật 86/2015/QH13.",
                actor(s.operatorId(), "đơn vị vận hành"), at, true);
    }

    private void documents(Dossier d, List<DocumentType> types, Instant at) {
        for (DocumentType type : types) {
            byte[] pdf = renderer.render("<html><head><meta charset=\"UTF-8\"/></head><body><h1>"
                    + type.article() + "</h1><p>" + d.systemName() + " (" + d.systemCode() + ")</p><p>Tài liệu mẫu "
                    + "của hồ sơ đề xuất cấp độ " + d.proposedLevel() + ".</p></body></html>");
            var stored = files.store(pdf, type.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".pdf",
                    MediaTypes.PDF);
            dossiers.addDocument(d, type, stored, actor(d.operatorId(), "đơn vị vận hành"), at);
        }
    }

    private Dossier take(Dossier d, DossierAction action, String comment, String reference, AgencyId agency,
                         String role, Instant at) {
        return dossiers.take(store.findForUpdate(d.id()).orElseThrow(), action, EnumSet.allOf(Side.class), comment,
                reference, actor(agency, role), at);
    }

    private void approvedLevel3(String code, List<String> made) {
        SystemSummary s = system(code).orElseThrow(() -> new IllegalStateException(code + " missing"));
        Instant t = Instant.now().minus(Duration.ofDays(40));
        Dossier d = open(s, 3, t);
        documents(d, DocumentType.preparedByOperator(), t.plus(Duration.ofHours(2)));
        d = take(d, DossierAction.SUBMIT, "Kính gửi hồ sơ đề xuất cấp độ 3.", null, s.operatorId(), "đơn vị vận hành",
                t.plus(Duration.ofDays(1)));
        d = take(d, DossierAction.ACCEPT_COMPLETE, "Hồ sơ hợp lệ, đủ thành phần theo Điều 15.", null, d.appraiserId(),
                "đơn vị chuyên trách ATTT", t.plus(Duration.ofDays(3)));
        d = take(d, DossierAction.APPRAISE, "Đề xuất cấp độ 3 phù hợp; phương án bảo đảm ATTT đáp ứng yêu cầu cấp độ 3.",
                "Văn bản thẩm định số 112/SKHCN-ATTT", d.appraiserId(), "đơn vị chuyên trách ATTT",
                t.plus(Duration.ofDays(12)));
        d = take(d, DossierAction.SUBMIT_FOR_APPROVAL, null, null, s.operatorId(), "đơn vị vận hành",
                t.plus(Duration.ofDays(13)));
        take(d, DossierAction.APPROVE, "Phê duyệt hồ sơ đề xuất cấp độ 3.", "Quyết định số 245/QĐ-UBND",
                d.approverId(), "chủ quản", t.plus(Duration.ofDays(16)));
        made.add(code + " APPROVED");
    }

    private void overdueAppraisal(String code, List<String> made) {
        SystemSummary s = system(code).orElseThrow(() -> new IllegalStateException(code + " missing"));
        Instant t = Instant.now().minus(Duration.ofDays(30));
        Dossier d = open(s, 3, t);
        documents(d, DocumentType.preparedByOperator(), t.plus(Duration.ofHours(3)));
        d = take(d, DossierAction.SUBMIT, null, null, s.operatorId(), "đơn vị vận hành", t.plus(Duration.ofDays(1)));
        take(d, DossierAction.ACCEPT_COMPLETE, "Hồ sơ hợp lệ.", null, d.appraiserId(), "đơn vị chuyên trách ATTT",
                t.plus(Duration.ofDays(4)));
        made.add(code + " UNDER_APPRAISAL (overdue)");
    }

    private void draft(String code, List<String> made) {
        SystemSummary s = system(code).orElseThrow(() -> new IllegalStateException(code + " missing"));
        Instant t = Instant.now().minus(Duration.ofDays(2));
        Dossier d = open(s, 2, t);
        documents(d, List.of(DocumentType.SYSTEM_OVERVIEW, DocumentType.DESIGN), t.plus(Duration.ofHours(1)));
        made.add(code + " DRAFT");
    }

    private void awaitingOpinion(String code, List<String> made) {
        SystemSummary s = system(code).orElseThrow(() -> new IllegalStateException(code + " missing"));
        Instant t = Instant.now().minus(Duration.ofDays(6));
        Dossier d = open(s, 4, t);
        documents(d, DocumentType.preparedByOperator(), t.plus(Duration.ofHours(4)));
        take(d, DossierAction.SUBMIT, "Kính đề nghị đơn vị chuyên trách cho ý kiến chuyên môn (Điều 14.1.d).", null,
                s.operatorId(), "đơn vị vận hành", t.plus(Duration.ofDays(1)));
        made.add(code + " AWAITING_PROFESSIONAL_OPINION");
    }
}
