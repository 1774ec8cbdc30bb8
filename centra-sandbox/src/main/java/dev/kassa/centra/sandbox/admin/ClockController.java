package dev.kassa.centra.sandbox.admin;

import dev.kassa.common.sandbox.ClockAdvance;
import dev.kassa.common.sandbox.SandboxAdminController;
import dev.kassa.centra.sandbox.state.LocalDateTimes;
import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.shipfromstore.Deadlines;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code GET /sandbox/clock} and {@code POST /sandbox/clock/advance {"seconds": N}}. */
@SandboxAdminController
class ClockController {

    private final InstanceTime time;
    private final Deadlines deadlines;

    ClockController(InstanceTime time, Deadlines deadlines) {
        this.time = time;
        this.deadlines = deadlines;
    }

    @GetMapping("/sandbox/clock")
    Map<String, Object> now() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", time.now().toString());
        out.put("timeZone", time.zone().getId());
        out.put("local", LocalDateTimes.format(time.localNow()));
        return out;
    }

    @PostMapping("/sandbox/clock/advance")
    Map<String, Object> advance(@RequestBody(required = false) byte[] body) {
        time.advance(ClockAdvance.read(body));
        // What became due is handled before the answer, so a script sees the expiry as soon as it moved time.
        deadlines.runDue();
        return now();
    }
}
