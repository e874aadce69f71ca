package vn.attthub.regime;

/** Whom an information-infrastructure system serves (Decree 85/2016 Art 8.3, 9.3, 10.3, 11.3). */
public enum InfrastructureScope {
    SINGLE_ORGANISATION, SECTOR, PROVINCE, MULTI_PROVINCE, NATIONAL, INTERNATIONAL
}
