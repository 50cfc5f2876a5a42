// Customer-account tracking (ownership checks, lookup events) again, on Postgres.
import "./api.customer-account.tracking.test";
