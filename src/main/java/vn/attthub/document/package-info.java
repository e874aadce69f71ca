/**
 * Official documents: Vietnamese PDF rendering with embedded fonts, PAdES signatures with each agency's key and
 * certificate, and their verification.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "organisation"})
package vn.attthub.document;
