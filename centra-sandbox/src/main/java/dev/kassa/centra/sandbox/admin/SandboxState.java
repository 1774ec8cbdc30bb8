package dev.kassa.centra.sandbox.admin;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstances;
import dev.kassa.centra.sandbox.state.CentraDataset;
import dev.kassa.centra.sandbox.state.DatasetStore;
import org.springframework.stereotype.Service;

/** Replaces and exports the whole sandbox state, and refreshes what is cached from it after a change. */
@Service
public class SandboxState {

    private final DatasetStore store;
    private final OrderApiInstances instances;
    private final InstanceTime time;
    private final ActivityExport activity;

    SandboxState(DatasetStore store, OrderApiInstances instances, InstanceTime time, ActivityExport activity) {
        this.store = store;
        this.instances = instances;
        this.time = time;
        this.activity = activity;
    }

    public void replace(CentraDataset dataset) {
        try {
            store.replace(dataset);
        } finally {
            // After the commit (or the rollback): caches must show what the database holds now.
            instances.reload();
            time.reloadZone();
        }
    }

    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public CentraDataset export() {
        return store.export().withActivity(activity.export());
    }
}
