/**
 * The agency registry: the effective-dated tree of state agencies, the legal roles they hold, their contacts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package vn.attthub.organisation;
