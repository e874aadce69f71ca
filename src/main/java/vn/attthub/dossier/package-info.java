/**
 * Level dossiers (hồ sơ đề xuất cấp độ, Decree 85/2016 Art 12-18): their documents, the workflow from draft to
 * approval with the authorities and deadlines the regime names, and the signed approval decision.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "organisation", "regime", "infosystem", "document", "notification"})
package vn.attthub.dossier;
