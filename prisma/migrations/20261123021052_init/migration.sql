-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "primaryDomain" TEXT,
    "status" TEXT NOT NULL DEFAULT 'installed',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT,
    "triggeredAt" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Customer" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "phone" TEXT,
    "locale" TEXT,
    "timeZone" TEXT,
    "countryCode" TEXT,
    "provinceCode" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT,
    "emailMarketingState" TEXT NOT NULL DEFAULT 'NOT_SUBSCRIBED',
    "emailMarketingOptInLevel" TEXT,
    "emailConsentUpdatedAt" DATETIME,
    "shopifyCreatedAt" DATETIME,
    "sourceUpdatedAt" DATETIME,
    "redactedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "Product" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "productType" TEXT,
    "vendor" TEXT,
    "status" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "taxonomyCategoryId" TEXT,
    "taxonomyCategoryName" TEXT,
    "categoryPath" TEXT,
    "collections" TEXT NOT NULL DEFAULT '[]',
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "seasons" TEXT NOT NULL DEFAULT '[]',
    "imageUrl" TEXT,
    "publishedAt" DATETIME,
    "shopifyCreatedAt" DATETIME,
    "sourceUpdatedAt" DATETIME,
    "deletedAt" DATETIME,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "priceMinor" INTEGER NOT NULL,
    "compareAtPriceMinor" INTEGER,
    "currencyCode" TEXT NOT NULL,
    "inventoryQuantity" INTEGER,
    "inventoryPolicy" TEXT,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "Category" (
    "shopId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentPath" TEXT,
    "depletionDays" INTEGER,
    "suggestedDepletionDays" REAL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopId", "path")
);

-- CreateTable
CREATE TABLE "Order" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "processedAt" DATETIME NOT NULL,
    "shopifyCreatedAt" DATETIME NOT NULL,
    "sourceUpdatedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "financialStatus" TEXT,
    "currencyCode" TEXT NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "subtotalMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL,
    "discountCodes" TEXT NOT NULL DEFAULT '[]',
    "landingSite" TEXT,
    "referringSite" TEXT,
    "sourceName" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "utmTerm" TEXT,
    "cartToken" TEXT,
    "checkoutToken" TEXT,
    "customerLocale" TEXT,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "OrderLineItem" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL,
    "categoryPath" TEXT,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "Cart" (
    "shopId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "customerId" TEXT,
    "clientId" TEXT,
    "currencyCode" TEXT,
    "totalMinor" INTEGER NOT NULL,
    "lineItems" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    "shopifyCreatedAt" DATETIME NOT NULL,
    "sourceUpdatedAt" DATETIME NOT NULL,
    "abandonedAt" DATETIME,
    "convertedAt" DATETIME,

    PRIMARY KEY ("shopId", "token")
);

-- CreateTable
CREATE TABLE "Checkout" (
    "shopId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "cartToken" TEXT,
    "customerId" TEXT,
    "email" TEXT,
    "currencyCode" TEXT NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "lineItems" TEXT NOT NULL DEFAULT '[]',
    "landingSite" TEXT,
    "referringSite" TEXT,
    "sourceName" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "utmTerm" TEXT,
    "abandonedCheckoutUrl" TEXT,
    "shopifyCreatedAt" DATETIME NOT NULL,
    "sourceUpdatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "abandonedAt" DATETIME,

    PRIMARY KEY ("shopId", "token")
);

-- CreateTable
CREATE TABLE "BrowseEvent" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "customerId" TEXT,
    "name" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "url" TEXT,
    "referrer" TEXT,
    "productId" TEXT,
    "variantId" TEXT,
    "collectionId" TEXT,
    "searchQuery" TEXT,
    "cartToken" TEXT,
    "checkoutToken" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,

    PRIMARY KEY ("shopId", "id")
);

-- CreateTable
CREATE TABLE "LoyaltyEntry" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "orderId" TEXT,

    PRIMARY KEY ("shopId", "id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "InboxEvent_status_id_idx" ON "InboxEvent"("status", "id");

-- CreateIndex
CREATE INDEX "InboxEvent_shopId_status_id_idx" ON "InboxEvent"("shopId", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_shopId_source_deliveryId_key" ON "InboxEvent"("shopId", "source", "deliveryId");

-- CreateIndex
CREATE INDEX "Customer_shopId_email_idx" ON "Customer"("shopId", "email");

-- CreateIndex
CREATE INDEX "Customer_shopId_emailMarketingState_idx" ON "Customer"("shopId", "emailMarketingState");

-- CreateIndex
CREATE INDEX "Product_shopId_categoryPath_idx" ON "Product"("shopId", "categoryPath");

-- CreateIndex
CREATE INDEX "ProductVariant_shopId_productId_idx" ON "ProductVariant"("shopId", "productId");

-- CreateIndex
CREATE INDEX "Order_shopId_customerId_processedAt_idx" ON "Order"("shopId", "customerId", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shopId_processedAt_idx" ON "Order"("shopId", "processedAt");

-- CreateIndex
CREATE INDEX "OrderLineItem_shopId_orderId_idx" ON "OrderLineItem"("shopId", "orderId");

-- CreateIndex
CREATE INDEX "OrderLineItem_shopId_productId_idx" ON "OrderLineItem"("shopId", "productId");

-- CreateIndex
CREATE INDEX "Cart_shopId_customerId_idx" ON "Cart"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "Checkout_shopId_cartToken_idx" ON "Checkout"("shopId", "cartToken");

-- CreateIndex
CREATE INDEX "Checkout_shopId_customerId_idx" ON "Checkout"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "BrowseEvent_shopId_clientId_occurredAt_idx" ON "BrowseEvent"("shopId", "clientId", "occurredAt");

-- CreateIndex
CREATE INDEX "BrowseEvent_shopId_customerId_occurredAt_idx" ON "BrowseEvent"("shopId", "customerId", "occurredAt");

-- CreateIndex
CREATE INDEX "LoyaltyEntry_shopId_customerId_occurredAt_idx" ON "LoyaltyEntry"("shopId", "customerId", "occurredAt");

