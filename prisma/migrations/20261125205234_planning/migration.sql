-- CreateTable
CREATE TABLE "Objective" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "target" TEXT,
    "horizonDays" INTEGER NOT NULL,
    "messagesPerShopperPerWeek" INTEGER NOT NULL,
    "discountBudgetMinor" INTEGER NOT NULL,
    "agentsAllowed" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "PlanningRun" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "event" TEXT,
    "moment" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "counts" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "moment" DATETIME NOT NULL,
    "customerId" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "messageType" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sendAt" DATETIME,
    "dropReason" TEXT,
    "cancelReason" TEXT,
    "cancelledAt" DATETIME,
    "brief" TEXT NOT NULL,
    "expectedValueMinor" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "objectiveId" TEXT,
    "discountCostMinor" INTEGER NOT NULL DEFAULT 0,
    "trace" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "id")
);

-- CreateIndex
CREATE INDEX "Objective_shopId_active_idx" ON "Objective"("shopId", "active");

-- CreateIndex
CREATE INDEX "PlanningRun_shopId_startedAt_idx" ON "PlanningRun"("shopId", "startedAt");

-- CreateIndex
CREATE INDEX "Decision_shopId_runId_agent_idx" ON "Decision"("shopId", "runId", "agent");

-- CreateIndex
CREATE INDEX "Decision_shopId_customerId_status_idx" ON "Decision"("shopId", "customerId", "status");

-- CreateIndex
CREATE INDEX "Decision_shopId_status_sendAt_idx" ON "Decision"("shopId", "status", "sendAt");

