package vn.attthub.dossier;

import java.util.ArrayList;
import java.util.List;

/** The documents of a level dossier (Decree 85/2016 Art 15.1-15.5). */
public enum DocumentType {
    /** Tài liệu mô tả, thuyết minh tổng quan về hệ thống thông tin (Art 15.1). */
    SYSTEM_OVERVIEW("ND85 Art 15.1"),
    /** Thiết kế sơ bộ / thiết kế thi công đã được phê duyệt (Art 15.2). */
    DESIGN("ND85 Art 15.2"),
    /** Thuyết minh đề xuất cấp độ (Art 15.3). */
    LEVEL_JUSTIFICATION("ND85 Art 15.3"),
    /** Thuyết minh phương án bảo đảm an toàn thông tin theo cấp độ (Art 15.4). */
    SECURITY_PLAN_JUSTIFICATION("ND85 Art 15.4"),
    /** Ý kiến chuyên môn của đơn vị chuyên trách về ATTT, levels 4-5 (Art 15.5, 14.1.d). */
    PROFESSIONAL_OPINION("ND85 Art 15.5");

    private final String article;

    DocumentType(String article) {
        this.article = article;
    }

    public String article() {
        return article;
    }

    /** What the operator must supply before submitting (Art 15.1-15.4); the opinion comes from the security unit. */
    static List<DocumentType> preparedByOperator() {
        return List.of(SYSTEM_OVERVIEW, DESIGN, LEVEL_JUSTIFICATION, SECURITY_PLAN_JUSTIFICATION);
    }

    /** Every document the complete dossier holds for a level with or without a professional opinion. */
    static List<DocumentType> required(boolean professionalOpinion) {
        List<DocumentType> all = new ArrayList<>(preparedByOperator());
        if (professionalOpinion) all.add(PROFESSIONAL_OPINION);
        return all;
    }
}
