package dev.kassa.common.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What the sandboxes' own web pages share: a plain HTML page, escaping, the form token that every form
 * carries (derived from the admin token, checked in constant time), and the redirect back with a message.
 */
public final class SandboxPages {

    private SandboxPages() {
    }

    /** The start of a page: head with a small style sheet, and the opened body. */
    public static StringBuilder page(String title) {
        return new StringBuilder(8192).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append("</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}")
                .append(".order{border:1px solid #999;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}")
                .append(".actions form{display:inline-block;margin:.5rem .5rem 0 0}.msg{background:#eef6ee;padding:.5rem}")
                .append("label{display:block;margin:.3rem 0}fieldset{margin:.8rem 0}")
                .append("textarea{max-width:100%;box-sizing:border-box}.wide{overflow-x:auto}")
                .append("</style></head><body>");
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The hidden field every form of a page carries. */
    public static String formField(HttpServletRequest request) {
        return "<input type=\"hidden\" name=\"form\" value=\"" + esc((String) request.getAttribute(AdminTokenFilter.FORM_TOKEN)) + "\">";
    }

    /** Whether a posted form carries the page's form token. */
    public static boolean formOk(String form, HttpServletRequest request) {
        return Secrets.constantTimeEquals(form, (String) request.getAttribute(AdminTokenFilter.FORM_TOKEN));
    }

    /** 303 back to {@code path} with {@code message} shown there. */
    public static ResponseEntity<Void> back(String path, String message) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path + "?msg="
                + URLEncoder.encode(message, StandardCharsets.UTF_8))).build();
    }
}
