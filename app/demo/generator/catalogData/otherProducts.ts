import { seed, type ProductSeed } from "./productSeed";

/** Wellness, hair, home and accessory products by app category path. */
export const OTHER_PRODUCTS: Record<string, readonly ProductSeed[]> = {
  "Wellness > Sleep": [
    seed("Magnesium Sleep Powder", "Moonwell", 3200, ["30 servings", "60 servings"], ["vegan", "clean-ingredients"], ["magnesium-glycinate", "l-theanine"], "A calming nightly drink mix."),
    seed("Melatonin-Free Sleep Capsules", "Moonwell", 2800, ["30 capsules", "90 capsules"], ["vegan"], ["valerian", "passionflower"], "Herbal capsules for winding down."),
    seed("Lavender Pillow Mist", "Demo Botanics", 1800, ["100 ml"], ["sustainable"], ["lavender", "chamomile"], "A mist for the pillow at lights-out."),
    seed("Sleep Tea Blend", "Moonwell", 1400, ["20 sachets"], ["vegan", "sustainable", "season:winter"], ["chamomile", "lemon-balm"], "A caffeine-free evening tea."),
  ],
  "Wellness > Energy": [
    seed("Adaptogen Morning Blend", "Moonwell", 3600, ["30 servings"], ["vegan", "clean-ingredients"], ["ashwagandha", "rhodiola"], "A morning mix for steady energy."),
    seed("Matcha Energy Sticks", "Moonwell", 2400, ["14 sticks", "28 sticks"], ["vegan", "sustainable"], ["matcha", "l-theanine"], "Ceremonial matcha in single servings."),
    seed("B-Complex Gummies", "Demo Botanics", 2200, ["60 gummies"], ["vegan"], ["vitamin-b12", "folate"], "Chewable B vitamins."),
  ],
  "Wellness > Vitamins": [
    seed("Daily Multivitamin", "Moonwell", 2600, ["30 tablets", "90 tablets"], ["vegan", "clean-ingredients"], ["vitamin-d3", "zinc"], "A complete daily multivitamin."),
    seed("Vitamin D3 + K2 Drops", "Moonwell", 2200, ["30 ml"], ["season:winter"], ["vitamin-d3", "vitamin-k2"], "Sunshine-vitamin drops for darker months."),
    seed("Omega-3 Algae Oil", "Nordic Dew", 3400, ["60 softgels"], ["vegan", "sustainable"], ["omega-3", "algae-oil"], "Plant-based omega-3 from algae."),
    seed("Collagen Beauty Powder", "Demo Botanics", 4200, ["30 servings"], ["clean-ingredients"], ["collagen", "vitamin-c"], "Marine collagen for skin from within."),
    seed("Zinc & Vitamin C Immune Chews", "Moonwell", 1900, ["60 chews"], ["vegan", "season:winter"], ["zinc", "vitamin-c"], "Citrus chews for cold season."),
  ],
  "Hair care > Shampoo": [
    seed("Refillable Daily Shampoo", "Demo Botanics", 2200, ["250 ml", "500 ml refill"], ["refillable", "sustainable", "vegan"], ["rice-protein", "aloe"], "A gentle daily shampoo in a forever bottle."),
    seed("Solid Shampoo Bar", "Sol & Salt", 1400, ["80 g"], ["sustainable", "vegan", "durable"], ["coconut", "rosemary"], "Plastic-free and lasts about 60 washes."),
    seed("Scalp Clarifying Shampoo", "Fernwood Labs", 2600, ["250 ml"], ["fragrance-free"], ["salicylic-acid", "tea-tree"], "A weekly deep clean for the scalp."),
    seed("Volume Shampoo", "Nordic Dew", 2400, ["250 ml"], ["clean-ingredients"], ["biotin", "rice-protein"], "Lift for fine hair."),
  ],
  "Hair care > Conditioner": [
    seed("Refillable Daily Conditioner", "Demo Botanics", 2200, ["250 ml", "500 ml refill"], ["refillable", "sustainable", "vegan"], ["argan-oil", "aloe"], "Light conditioning in a forever bottle."),
    seed("Solid Conditioner Bar", "Sol & Salt", 1400, ["70 g"], ["sustainable", "vegan"], ["shea-butter", "coconut"], "A plastic-free conditioner bar."),
    seed("Repair Hair Mask", "Fernwood Labs", 3200, ["200 ml"], ["clean-ingredients", "season:winter"], ["keratin", "argan-oil"], "A weekly mask for dry ends."),
    seed("Leave-In Detangler", "Nordic Dew", 2000, ["150 ml"], ["vegan", "season:summer"], ["panthenol", "aloe"], "A spray for tangles after the beach."),
  ],
  "Home > Candles": [
    seed("Cedar & Sage Soy Candle", "Kiln & Wick", 3800, ["220 g", "400 g"], ["sustainable", "vegan", "clean-ingredients"], ["soy-wax", "cedarwood"], "A 45-hour soy candle in a reusable jar."),
    seed("Fig Leaf Candle", "Kiln & Wick", 4200, ["220 g"], ["sustainable", "season:summer"], ["soy-wax", "fig"], "Green fig for summer evenings."),
    seed("Winter Spice Candle", "Kiln & Wick", 4400, ["220 g", "400 g"], ["seasonal:holiday", "season:winter"], ["soy-wax", "clove"], "A limited holiday blend of clove and orange."),
    seed("Sea Salt & Neroli Candle", "Kiln & Wick", 3800, ["220 g"], ["sustainable", "refillable"], ["coconut-wax", "neroli"], "A bright neroli candle with refill inserts."),
    seed("Lavender Calm Candle", "Demo Botanics", 3200, ["220 g"], ["sustainable", "vegan"], ["soy-wax", "lavender"], "A bedtime candle to pair with the sleep range."),
    seed("Candle Refill Insert", "Kiln & Wick", 2200, ["220 g"], ["refillable", "sustainable"], ["soy-wax"], "Pop-in refill for our reusable jars."),
  ],
  "Accessories > Tools": [
    seed("Rose Quartz Gua Sha", "Everyday Tools Co.", 3400, ["Standard"], ["durable", "sustainable"], ["rose-quartz"], "A hand-polished facial massage stone."),
    seed("Silicone Cleansing Brush", "Everyday Tools Co.", 4800, ["Standard"], ["durable", "vegan"], ["silicone"], "A sonic brush that lasts for years."),
    seed("Bamboo Facial Rounds", "Everyday Tools Co.", 1600, ["Pack of 10"], ["durable", "sustainable", "vegan"], ["bamboo"], "Washable rounds that replace disposable pads."),
    seed("Stainless Steel Jade Roller", "Everyday Tools Co.", 2800, ["Standard"], ["durable"], ["stainless-steel"], "A cooling roller for morning puffiness."),
  ],
  "Accessories > Bags": [
    seed("Recycled Canvas Wash Bag", "Everyday Tools Co.", 3200, ["Small", "Large"], ["durable", "sustainable"], ["recycled-canvas"], "A water-resistant travel bag."),
    seed("Vegan Leather Cosmetic Pouch", "Everyday Tools Co.", 3800, ["Standard"], ["durable", "vegan"], ["plant-leather"], "A structured pouch for the daily kit."),
    seed("Gift Tote", "Demo Botanics", 1200, ["Standard"], ["sustainable", "seasonal:holiday"], ["organic-cotton"], "An organic cotton tote for gifting."),
  ],
};
