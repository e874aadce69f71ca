package vn.attthub.regime;

/** Loại hệ thống thông tin (Decree 85/2016 Art 6.2; Circular 03/2017 Art 4 gives examples). */
public enum SystemType {
    INTERNAL_OPERATIONS, CITIZEN_BUSINESS_SERVICE, INFORMATION_INFRASTRUCTURE, INDUSTRIAL_CONTROL, OTHER
}
