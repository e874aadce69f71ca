package vn.attthub.infosystem;

/**
 * Where a system runs. A cloud or leased service names its provider (an agency in the registry or a name): when IT
 * services are outsourced, the provider is the operator (Decree 85/2016 Art 3.3).
 */
public enum Hosting {
    ON_PREMISES, DATA_CENTRE, CLOUD, LEASED_SERVICE;

    /** Cloud and leased services must name their provider; on-premises hosting has none. */
    public boolean requiresProvider() {
        return this == CLOUD || this == LEASED_SERVICE;
    }

    public boolean allowsProvider() {
        return this != ON_PREMISES;
    }
}
