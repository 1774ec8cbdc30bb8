package dev.kassa.centra.sandbox.faults;

import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.SandboxAdminController;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code PUT/GET /sandbox/faults}: replace or read the injected faults; an invalid document changes nothing. */
@SandboxAdminController
class FaultsController {

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    @GetMapping("/sandbox/faults")
    Faults.FaultSet get() {
        return faults.current();
    }

    @PutMapping(path = "/sandbox/faults", consumes = MediaType.ALL_VALUE)
    Faults.FaultSet put(@RequestBody(required = false) byte[] body) {
        return faults.set(AdminJson.read(body, Faults.FaultSet.class));
    }
}
