/**
 * Shopify Payments dispute reasons (webhook payload `reason`), in a module of their own so the
 * admin's labels can name them without bundling the evidence pack, and with it every shopper
 * locale, into each admin page's scripts.
 */
export const DISPUTE_REASONS = [
  "bank_cannot_process",
  "credit_not_processed",
  "customer_initiated",
  "debit_not_authorized",
  "duplicate",
  "fraudulent",
  "general",
  "incorrect_account_details",
  "insufficient_funds",
  "noncompliant",
  "product_not_received",
  "product_unacceptable",
  "subscription_canceled",
  "unrecognized",
] as const;
