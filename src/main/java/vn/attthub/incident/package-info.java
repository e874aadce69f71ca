/**
 * Incident notification, reporting and coordination (Circular 20/2017, Decision 05/2017): notices and reports, the
 * recipients and statutory clocks the regime names, classification, the case timeline, coordination orders, and
 * machine intake of alerts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "organisation", "regime",
        "infosystem", "document", "notification"})
package vn.attthub.incident;
