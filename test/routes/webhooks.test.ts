import { webhookRouteSuite } from "./support/webhookRouteSuite";

// The webhook routes served by the production build, against a migrated SQLite database.
webhookRouteSuite("sqlite");
