/**
 * Append-only, hash-chained audit trail of every change and security event, and its verification.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package vn.attthub.audit;
