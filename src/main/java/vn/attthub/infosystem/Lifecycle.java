package vn.attthub.infosystem;

/** Where a system is in its life: planned, under construction, operating, retired. */
public enum Lifecycle {
    PLANNED, UNDER_CONSTRUCTION, OPERATING, RETIRED
}
