import { describe, expect, it } from "vitest";
import { placeProduct, type KnownCategory } from "~/domain/catalog/categoryPath";

const categories: KnownCategory[] = [
  { path: "Skin care > Cleansers", productTypes: ["Cleanser"] },
  { path: "Accessories", productTypes: ["Tool", "Bag"] },
  { path: "Skin Care > Facial Cleansers", productTypes: [] },
];
const TAXONOMY = "Health & Beauty > Personal Care > Cosmetics > Skin Care > Facial Cleansers";

describe("placeProduct", () => {
  it.each([
    ["a filed product type wins over the taxonomy", { productType: "Cleanser", taxonomyFullName: TAXONOMY }, { path: "Skin care > Cleansers", name: "Cleansers", parentPath: "Skin care", isNew: false }],
    ["product types match ignoring case and spaces", { productType: " cleanser ", taxonomyFullName: null }, { path: "Skin care > Cleansers", name: "Cleansers", parentPath: "Skin care", isNew: false }],
    ["a top-level category has no parent", { productType: "Bag", taxonomyFullName: null }, { path: "Accessories", name: "Accessories", parentPath: null, isNew: false }],
    ["else the taxonomy's last two levels, existing", { productType: "Face wash", taxonomyFullName: TAXONOMY }, { path: "Skin Care > Facial Cleansers", name: "Facial Cleansers", parentPath: "Skin Care", isNew: false }],
    ["a new taxonomy path is flagged new", { productType: null, taxonomyFullName: "Home & Garden > Decor > Candles" }, { path: "Decor > Candles", name: "Candles", parentPath: "Decor", isNew: true }],
    ["a one-level taxonomy", { productType: null, taxonomyFullName: "Gift Cards" }, { path: "Gift Cards", name: "Gift Cards", parentPath: null, isNew: true }],
    ["else the product type alone", { productType: "Candle", taxonomyFullName: null }, { path: "Candle", name: "Candle", parentPath: null, isNew: true }],
  ])("%s", (_name, product, expected) => {
    expect(placeProduct(product, categories)).toEqual(expected);
  });

  it("places nothing without any hint", () => {
    expect(placeProduct({ productType: "  ", taxonomyFullName: "" }, categories)).toBeNull();
  });
});
