package vn.attthub.organisation;

/**
 * Published once the demo agencies are in the registry, so that other modules can add their demo data
 * (users, systems) for them. Agency codes in the demo set are listed in {@code DEMO_CODES.md} of the module docs.
 */
public record DemoAgenciesLoaded() {
}
