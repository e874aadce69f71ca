package vn.attthub.control;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import vn.attthub.dossier.LevelApproved;

/**
 * Turns an approved level (Decree 85/2016 Art 12, 17) into the system's control baseline. The listener runs after
 * the approval commits, in its own transaction, and its publication is kept in Spring Modulith's event registry until
 * it succeeds, so a failure is retried (on restart) rather than lost.
 */
@Component
class BaselineOnApproval {
    private final Baselines baselines;

    BaselineOnApproval(Baselines baselines) {
        this.baselines = baselines;
    }

    @ApplicationModuleListener
    void on(LevelApproved event) {
        baselines.apply(event);
    }
}
