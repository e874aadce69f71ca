package vn.attthub.incident;

/** Who receives a notice (Decision 05/2017 Art 11.5; Circular 20/2017 Art 9.2). */
enum RecipientRole {
    SYSTEM_OWNER, IR_UNIT, NATIONAL_COORDINATOR, NETWORK_MEMBER;

    public String labelVi() {
        return switch (this) {
            case SYSTEM_OWNER -> "Chủ quản hệ thống";
            case IR_UNIT -> "Đơn vị chuyên trách ứng cứu sự cố";
            case NATIONAL_COORDINATOR -> "Cơ quan điều phối quốc gia";
            case NETWORK_MEMBER -> "Thành viên mạng lưới";
        };
    }
}
