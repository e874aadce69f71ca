package vn.attthub.incident;

/** The impacts listed by Decision 05/2017 Art 9.1 that make an incident on a level 4-5 system a candidate for SERIOUS. */
enum Impact {
    /** Art 9.1.a: the system's operation is disrupted. */
    SERVICE_DISRUPTION,
    /** Art 9.1.b: state secrets may be disclosed. */
    STATE_SECRET_DISCLOSURE,
    /** Art 9.1.c: important data is corrupted or lost and cannot be recovered. */
    DATA_UNRECOVERABLE,
    /** Art 9.1.d: control of the system is lost. */
    LOSS_OF_CONTROL,
    /** Art 9.1.đ: wide-scale or chain effect on other level 4-5 systems. */
    CHAIN_EFFECT
}
