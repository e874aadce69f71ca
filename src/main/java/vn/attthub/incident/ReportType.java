package vn.attthub.incident;

/** Reports after the notice (Decision 05/2017 Art 11.2; Circular 20/2017 Art 9.2.b: Form 03 initial, Form 04 final). */
enum ReportType {
    INITIAL, SITUATION, RESPONSE_PLAN, SUPPORT_REQUEST, FINAL;

    public String labelVi() {
        return switch (this) {
            case INITIAL -> "Báo cáo ban đầu (Mẫu 03)";
            case SITUATION -> "Báo cáo tình hình";
            case RESPONSE_PLAN -> "Báo cáo phương án ứng cứu";
            case SUPPORT_REQUEST -> "Đề nghị hỗ trợ";
            case FINAL -> "Báo cáo kết thúc (Mẫu 04)";
        };
    }
}
