-- CreateIndex
CREATE INDEX "Alert_status_sendAt_idx" ON "Alert"("status", "sendAt");

