-- CreateIndex
CREATE INDEX "BrowseEvent_shopId_cartToken_idx" ON "BrowseEvent"("shopId", "cartToken");

