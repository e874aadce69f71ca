/**
 * Legal rules as versioned data (DOMAIN.md D4): the level criteria of Decree 85/2016 Art 7-11, the dossier procedure
 * of Art 12, 14 and 16-17 (who appraises, who approves, time limits), and the working-day calendar of D5 that every
 * deadline in the platform is counted with. Other modules ask it; it asks no
 * other module (holiday edits are audited).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package vn.attthub.regime;
