-- CreateTable
CREATE TABLE "PixelClient" (
    "shopId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "customerId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "linkedAt" TIMESTAMP(3),

    CONSTRAINT "PixelClient_pkey" PRIMARY KEY ("shopId","clientId")
);

-- CreateTable
CREATE TABLE "BackfillRun" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'created',
    "resultUrl" TEXT,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "linesApplied" INTEGER NOT NULL DEFAULT 0,
    "bytesApplied" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackfillRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceExport" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceExport_pkey" PRIMARY KEY ("shopId","id")
);

-- CreateIndex
CREATE INDEX "PixelClient_shopId_customerId_idx" ON "PixelClient"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "BackfillRun_shopId_createdAt_idx" ON "BackfillRun"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "BackfillRun_bulkOperationId_idx" ON "BackfillRun"("bulkOperationId");

-- CreateIndex
CREATE INDEX "ComplianceExport_shopId_customerId_idx" ON "ComplianceExport"("shopId", "customerId");

