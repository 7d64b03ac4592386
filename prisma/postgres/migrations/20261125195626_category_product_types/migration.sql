-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "productTypes" TEXT NOT NULL DEFAULT '[]';

