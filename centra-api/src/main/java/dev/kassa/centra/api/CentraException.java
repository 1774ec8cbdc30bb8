package dev.kassa.centra.api;

/**
 * A call to Centra that did not get an answer the caller can use: refused (4xx other than 429), or still
 * failing after the retries. Messages name the endpoint and path, never the secret.
 */
public class CentraException extends RuntimeException {

    private final int status;
    private final boolean retriesExhausted;

    public CentraException(String message, int status, boolean retriesExhausted, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retriesExhausted = retriesExhausted;
    }

    /** The last HTTP status, or 0 when there was no answer (connection refused, timeout). */
    public int status() {
        return status;
    }

    /** True when the call might succeed later (transport error, 5xx, 429 after every retry). */
    public boolean retriesExhausted() {
        return retriesExhausted;
    }
}
