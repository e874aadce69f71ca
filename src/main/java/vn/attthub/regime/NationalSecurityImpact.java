package vn.attthub.regime;

/** Harm to national defence and security if the system is sabotaged (Decree 85/2016 Art 9.1, 10.1, 11.1). */
public enum NationalSecurityImpact {
    NONE, HARM, SERIOUS, ESPECIALLY_SERIOUS
}
