-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Category" (
    "shopId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentPath" TEXT,
    "depletionDays" INTEGER,
    "suggestedDepletionDays" REAL,
    "productTypes" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "path")
);
INSERT INTO "new_Category" ("depletionDays", "name", "parentPath", "path", "shopId", "suggestedDepletionDays", "updatedAt") SELECT "depletionDays", "name", "parentPath", "path", "shopId", "suggestedDepletionDays", "updatedAt" FROM "Category";
DROP TABLE "Category";
ALTER TABLE "new_Category" RENAME TO "Category";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

