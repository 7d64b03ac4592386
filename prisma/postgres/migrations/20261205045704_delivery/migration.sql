-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "providerMessageId" TEXT,
ADD COLUMN     "retryAt" TIMESTAMP(3),
ADD COLUMN     "sendingSince" TIMESTAMP(3),
ADD COLUMN     "sentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Suppression" (
    "shopId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("shopId","customerId","reason")
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmCall_pkey" PRIMARY KEY ("shopId","id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "shopId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "response" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("shopId","messageId","channel")
);

-- CreateTable
CREATE TABLE "ShopSecret" (
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSecret_pkey" PRIMARY KEY ("shopId","name")
);

-- CreateIndex
CREATE INDEX "LlmCall_shopId_createdAt_idx" ON "LlmCall"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmCall_shopId_messageId_idx" ON "LlmCall"("shopId", "messageId");

-- CreateIndex
CREATE INDEX "Delivery_shopId_channel_createdAt_idx" ON "Delivery"("shopId", "channel", "createdAt");

