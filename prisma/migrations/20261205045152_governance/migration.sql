-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "pclvMinor" INTEGER;

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "savedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shopId", "version")
);

-- CreateTable
CREATE TABLE "Message" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "objectiveId" TEXT,
    "status" TEXT NOT NULL,
    "sendAt" DATETIME,
    "engine" TEXT NOT NULL,
    "templateId" TEXT,
    "variant" TEXT,
    "draft" TEXT NOT NULL,
    "brief" TEXT NOT NULL,
    "policyVersion" INTEGER,
    "audit" TEXT NOT NULL,
    "firstDraftPassed" BOOLEAN NOT NULL,
    "awaitingSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "id")
);

-- CreateIndex
CREATE INDEX "Message_shopId_status_sendAt_idx" ON "Message"("shopId", "status", "sendAt");

-- CreateIndex
CREATE INDEX "Message_shopId_customerId_idx" ON "Message"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "Message_shopId_createdAt_idx" ON "Message"("shopId", "createdAt");

