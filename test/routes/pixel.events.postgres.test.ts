import { pixelRouteSuite } from "./pixelEventsSuite";

// The same batches against PostgreSQL (a unique violation aborts a PostgreSQL transaction, so the
// concurrent-duplicate path is exercised on both engines).
pixelRouteSuite("postgres");
