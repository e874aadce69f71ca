package vn.attthub.dossier;

import org.springframework.stereotype.Component;
import vn.attthub.document.DocumentSigner;
import vn.attthub.document.MediaTypes;
import vn.attthub.document.SignedPdf;
import vn.attthub.document.PdfRenderer;
import vn.attthub.document.StoredFile;
import vn.attthub.document.StoredFiles;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The approval decision (Quyết định phê duyệt hồ sơ đề xuất cấp độ, Decree 85/2016 Art 12, 14.3, 17) as a Vietnamese
 * PDF: system, level, the criteria articles it matched, owner, the appraisal opinion's reference and the date; signed
 * with the approving agency's key and stored with its SHA-256.
 */
@Component
class DecisionDocuments {
    static final Locale VI = Locale.forLanguageTag("vi");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final PdfRenderer renderer;
    private final StoredFiles files;
    private final AgencyDirectory agencies;
    private final DocumentSigner signer;

    DecisionDocuments(PdfRenderer renderer, StoredFiles files, AgencyDirectory agencies, DocumentSigner signer) {
        this.renderer = renderer;
        this.signer = signer;
        this.files = files;
        this.agencies = agencies;
    }

    record Decision(java.util.UUID fileId, String sha256, String name, String signerSubject) {
    }

    Decision issue(Dossier d, Instant at) {
        byte[] pdf = renderer.renderTemplate("dossier-decision", model(d, at), VI);
        String name = "quyet-dinh-cap-do-" + d.systemCode() + "-v" + d.versionNo() + ".pdf";
        SignedPdf signed = signer.sign(d.approverId(), pdf, "Phê duyệt cấp độ " + d.proposedLevel()
                + " hệ thống thông tin " + d.systemCode() + " (Nghị định 85/2016/NĐ-CP Điều 12, 17)", "Việt Nam");
        StoredFile stored = files.store(signed.pdf(), name, MediaTypes.PDF);
        return new Decision(stored.id(), stored.sha256(), name, signed.signerSubject());
    }

    /** The dossier summary (a print of the workspace: documents with SHA-256, steps, timeline), not stored. */
    byte[] summary(DossierQueries.DossierView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", view);
        m.put("printedOn", LocalDate.now(LevelDossiers.ZONE).format(DAY));
        m.put("fmt", DisplayTime.INSTANCE);
        return renderer.renderTemplate("dossier-summary", m, VI);
    }

    Map<String, Object> model(Dossier d, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("d", d);
        m.put("owner", name(d.ownerId()));
        m.put("operator", name(d.operatorId()));
        m.put("approver", name(d.approverId()));
        m.put("appraiser", name(d.appraiserId()));
        m.put("date", LocalDate.ofInstant(at, LevelDossiers.ZONE).format(DAY));
        m.put("appraisedOn", d.appraisedAt() == null ? null
                : LocalDate.ofInstant(d.appraisedAt(), LevelDossiers.ZONE).format(DAY));
        return m;
    }

    String name(AgencyId id) {
        return id == null ? "" : agencies.find(id).map(AgencySummary::nameVi).orElse(id.toString());
    }
}
