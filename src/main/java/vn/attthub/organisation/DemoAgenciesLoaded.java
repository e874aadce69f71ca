package vn.attthub.organisation;

/**
 * Published once the demo agencies are in the registry, so that other modules can add their demo data
 * (users, systems) for them. Agency codes in the demo set are listed in {@code docs/demo-data.md}.
 */
public record DemoAgenciesLoaded() {
}
