package dev.kassa.centara.sandbox.admin;

import dev.kassa.centara.sandbox.state.CentaraDataset;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.SandboxAdminController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code PUT/GET /sandbox/state}: the whole dataset in, the whole dataset out (spec/sandbox-admin.md). */
@SandboxAdminController
class StateController {

    private final SandboxState state;

    StateController(SandboxState state) {
        this.state = state;
    }

    @PutMapping(path = "/sandbox/state", consumes = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> replace(@RequestBody(required = false) byte[] body) {
        state.replace(AdminJson.read(body, CentaraDataset.class));
        return export();
    }

    @GetMapping("/sandbox/state")
    ResponseEntity<byte[]> export() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(AdminJson.MAPPER.writeValueAsBytes(state.export()));
    }
}
