import { pixelRouteSuite } from "./pixelEventsSuite";

// The web pixel's endpoint served by the production build, against a migrated SQLite database.
pixelRouteSuite("sqlite");
