/**
 * Control baselines and compliance (Circular 12/2022, TCVN 11930:2017): the requirement catalog as data, each
 * system's baseline for its approved level with status, owner, due date and evidence, compliance rolled up per
 * agency subtree, and the periodic assessment obligations per level.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "organisation", "regime", "infosystem", "dossier", "document"})
package vn.attthub.control;
