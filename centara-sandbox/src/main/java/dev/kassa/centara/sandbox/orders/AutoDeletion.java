package dev.kassa.centara.sandbox.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sweeps open orders past their time every second; moving the clock sweeps at once (ClockController). */
@Component
class AutoDeletion {

    private static final Logger log = LoggerFactory.getLogger(AutoDeletion.class);

    private final StoreActions actions;

    AutoDeletion(StoreActions actions) {
        this.actions = actions;
    }

    @Scheduled(fixedDelayString = "${kassa.sandbox.sweep-millis:1000}")
    void sweep() {
        try {
            actions.autoDeleteDue();
        } catch (RuntimeException e) {
            log.warn("deleting expired orders failed; will try again", e);
        }
    }
}
