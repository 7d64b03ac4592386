-- CreateTable
CREATE TABLE "ModelFit" (
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "logLikelihood" REAL,
    "customers" INTEGER NOT NULL,
    "ordersSeen" INTEGER NOT NULL,
    "fittedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "kind")
);

