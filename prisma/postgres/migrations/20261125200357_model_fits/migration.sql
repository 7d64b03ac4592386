-- CreateTable
CREATE TABLE "ModelFit" (
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "logLikelihood" DOUBLE PRECISION,
    "customers" INTEGER NOT NULL,
    "ordersSeen" INTEGER NOT NULL,
    "fittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelFit_pkey" PRIMARY KEY ("shopId","kind")
);

