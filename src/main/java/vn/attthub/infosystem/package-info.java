/**
 * The information-system registry: each system with its owner (chủ quản), operator, type, the inputs of its level,
 * lifecycle, hosting, components, connections and network exposure, and the software inventory that early
 * warnings are matched against.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "organisation", "regime"})
package vn.attthub.infosystem;
