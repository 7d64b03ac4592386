-- CreateTable
CREATE TABLE "Suppression" (
    "shopId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shopId", "customerId", "reason")
);

-- CreateTable
CREATE TABLE "LlmCall" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "objectiveId" TEXT,
    "tier" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL,
    "completionTokens" INTEGER NOT NULL,
    "costMicros" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "promptSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "shopId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "response" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "messageId", "channel")
);

-- CreateTable
CREATE TABLE "ShopSecret" (
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "name")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
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
    "sendingSince" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "providerMessageId" TEXT,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "id")
);
INSERT INTO "new_Message" ("agent", "audit", "awaitingSince", "brief", "createdAt", "customerId", "draft", "engine", "firstDraftPassed", "id", "objectiveId", "policyVersion", "runId", "sendAt", "shopId", "status", "templateId", "updatedAt", "variant") SELECT "agent", "audit", "awaitingSince", "brief", "createdAt", "customerId", "draft", "engine", "firstDraftPassed", "id", "objectiveId", "policyVersion", "runId", "sendAt", "shopId", "status", "templateId", "updatedAt", "variant" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_shopId_status_sendAt_idx" ON "Message"("shopId", "status", "sendAt");
CREATE INDEX "Message_shopId_customerId_idx" ON "Message"("shopId", "customerId");
CREATE INDEX "Message_shopId_createdAt_idx" ON "Message"("shopId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "LlmCall_shopId_createdAt_idx" ON "LlmCall"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmCall_shopId_messageId_idx" ON "LlmCall"("shopId", "messageId");

-- CreateIndex
CREATE INDEX "Delivery_shopId_channel_createdAt_idx" ON "Delivery"("shopId", "channel", "createdAt");

