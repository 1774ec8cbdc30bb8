package dev.kassa.common.sandbox.traffic;

import static dev.kassa.common.web.SandboxPages.esc;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.web.SandboxPages;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The faults and the journal on a sandbox's own page ({@code kassa.sandbox.pages}: the Centra sandbox's
 * {@code /shop}, the Centara sandbox's {@code /till}): the HTTP faults as JSON to edit and set, and the
 * newest calls (decision 0020).
 */
@RestController
public class TrafficPages {

    private final HttpFaults faults;
    private final RequestJournal journal;
    private final String pages;
    private final SandboxTraffic.Vendor vendor;

    TrafficPages(HttpFaults faults, RequestJournal journal, @Value("${kassa.sandbox.pages}") String pages,
                 SandboxTraffic.Vendor vendor) {
        this.vendor = vendor;
        this.faults = faults;
        this.journal = journal;
        this.pages = pages;
    }

    /** The section: the faults form and the newest 20 calls with the counts per endpoint. */
    public void section(StringBuilder b, HttpServletRequest request) {
        b.append("<h2>HTTP faults</h2><p>Faults on the vendor API (paths under ").append(esc(String.join(", ", vendor.apiPaths()))).append("): <code>kind</code> is")
                .append(" <code>status</code> (with <code>status</code>), <code>delay</code> or <code>hang</code> (with")
                .append(" <code>delayMillis</code>), <code>reset</code>, <code>empty-response</code> or <code>lost-answer</code>;")
                .append(" <code>method</code>, <code>path</code> (such as <code>/api/*/stock</code>), <code>instance</code> (Centra),")
                .append(" <code>count</code>, <code>probability</code> and <code>seed</code> choose the calls. The same as")
                .append(" <code>PUT /sandbox/faults/http</code>; <code>{\"faults\": []}</code> clears them.</p>")
                .append("<form method=\"post\" action=\"").append(esc(pages)).append("/http-faults\" id=\"http-faults\">")
                .append(SandboxPages.formField(request))
                .append("<textarea name=\"faults\" id=\"http-faults-json\" rows=\"4\" cols=\"90\">")
                .append(esc(AdminJson.MAPPER.writeValueAsString(faults.list()))).append("</textarea><br>")
                .append("<button type=\"submit\" id=\"set-http-faults\">Set the HTTP faults</button></form>");
        RequestJournal.View view = journal.view(e -> SandboxTraffic.vendorPath(vendor, e.path()), 20);
        b.append("<h2>Calls received</h2><p>The newest 20 calls to the vendor API; all of them, with filters:")
                .append(" <code>GET /sandbox/requests</code>. Since the last reset: ");
        view.counts().forEach((endpoint, n) -> {
            if (vendor.apiPaths().stream().anyMatch(p -> endpoint.contains(" " + p))) {
                b.append("<code>").append(esc(endpoint)).append("</code> ").append(n).append("; ");
            }
        });
        b.append("</p><div class=\"wide\"><table id=\"calls\"><tr><th>#</th><th>When (UTC)</th><th>Call</th><th>Credential</th><th>Status</th><th>ms</th>")
                .append("<th>Fault</th></tr>");
        List<RequestJournal.Entry> newest = view.requests().reversed();
        for (RequestJournal.Entry e : newest) {
            b.append("<tr><td>").append(e.seq()).append("</td><td>").append(e.at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                    .append("</td><td>").append(esc(e.method()))
                    .append(' ').append(esc(e.path())).append("</td><td>").append(esc(e.credential() == null ? "–" : e.credential()))
                    .append("</td><td>").append(e.status() == 0 ? "no answer" : Integer.toString(e.status())).append("</td><td>")
                    .append(e.millis()).append("</td><td>").append(esc(e.fault() == null ? "" : e.fault()))
                    .append(e.note() == null ? "" : " " + esc(e.note())).append("</td></tr>");
        }
        b.append("</table></div>");
    }

    @PostMapping("${kassa.sandbox.pages}/http-faults")
    ResponseEntity<Void> set(@RequestParam(required = false) String form, @RequestParam(name = "faults", defaultValue = "") String json,
                             HttpServletRequest request) {
        if (!SandboxPages.formOk(form, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        try {
            HttpFaults.Listed set = faults.replace(AdminJson.read(json.getBytes(StandardCharsets.UTF_8), HttpFaults.Replace.class));
            return SandboxPages.back(pages, "HTTP faults set: " + set.faults().size());
        } catch (AdminInputException e) {
            return SandboxPages.back(pages, "HTTP faults not changed: " + String.join("; ", e.errors().stream()
                    .map(f -> f.field() + " " + f.message()).toList()));
        }
    }
}
