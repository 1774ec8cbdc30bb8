package dev.kassa.connector.webhook;

/** Told when new webhook events were stored, so they are processed at once rather than at the next poll. */
public interface WebhookProcessor {

    void nudge();
}
