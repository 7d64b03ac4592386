import { webhookRouteSuite } from "./support/webhookRouteSuite";

// The same deliveries against PostgreSQL (the inbox insert and the uninstall share a transaction,
// and PostgreSQL aborts a transaction on a unique violation where SQLite does not).
webhookRouteSuite("postgres");
