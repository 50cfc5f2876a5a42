// The storefront lookup's data paths (order/contact match, tracking-number lookup, per-IP and
// per-shop rate limits in the shared windows table, lookup events) again, on Postgres.
import "./apps.track.test";
