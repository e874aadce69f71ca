package vn.attthub.regime;

/** Loại thông tin được xử lý (Decree 85/2016 Art 6.1). */
public enum InformationType {
    PUBLIC, PRIVATE, PERSONAL, STATE_SECRET
}
