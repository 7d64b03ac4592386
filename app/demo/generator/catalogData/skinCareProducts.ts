import { seed, type ProductSeed } from "./productSeed";

/** Skin-care products by app category path. Prices and sizes are typical of indie skin-care brands. */
export const SKIN_CARE_PRODUCTS: Record<string, readonly ProductSeed[]> = {
  "Skin care > Cleansers": [
    seed("Gentle Oat Cleanser", "Fernwood Labs", 2200, ["150 ml", "300 ml"], ["vegan", "fragrance-free", "clean-ingredients"], ["oat", "glycerin"], "A low-foam daily cleanser that leaves the skin barrier alone."),
    seed("Green Tea Gel Cleanser", "Demo Botanics", 2400, ["150 ml", "300 ml", "500 ml refill"], ["vegan", "refillable", "sustainable"], ["green-tea", "aloe"], "A fresh gel wash for combination skin."),
    seed("Cleansing Balm", "Nordic Dew", 3400, ["100 ml"], ["clean-ingredients"], ["jojoba", "sunflower-oil"], "Melts sunscreen and make-up in one pass."),
    seed("Micellar Water", "Demo Botanics", 1600, ["200 ml", "400 ml"], ["fragrance-free", "vegan"], ["micellar-water", "cucumber"], "Wipe-off cleansing for sensitive eyes."),
    seed("Clarifying Salicylic Wash", "Fernwood Labs", 2600, ["150 ml"], ["fragrance-free"], ["salicylic-acid", "niacinamide"], "A daily wash for breakout-prone skin."),
    seed("Cream Cleanser with Ceramides", "Nordic Dew", 2800, ["150 ml", "300 ml"], ["fragrance-free", "clean-ingredients", "season:winter"], ["ceramides", "squalane"], "A rich, non-stripping cleanser for dry winter skin."),
  ],
  "Skin care > Exfoliants": [
    seed("AHA Resurfacing Mask", "Fernwood Labs", 3800, ["50 ml"], ["vegan"], ["glycolic-acid", "lactic-acid"], "A weekly ten-minute peel for smoother skin."),
    seed("Enzyme Powder Polish", "Nordic Dew", 3200, ["60 g"], ["clean-ingredients", "sustainable"], ["papain", "rice-powder"], "A water-activated powder exfoliant gentle enough for weekly use."),
    seed("BHA Pore Pads", "Demo Botanics", 2900, ["60 pads"], ["fragrance-free"], ["salicylic-acid", "willow-bark"], "Pre-soaked pads for congested pores."),
    seed("Pumpkin Enzyme Peel", "Fernwood Labs", 4200, ["50 ml"], ["seasonal:holiday", "vegan"], ["pumpkin-enzyme", "lactic-acid"], "A limited autumn peel with a warm spice scent."),
    seed("Bamboo Scrub", "Sol & Salt", 2400, ["100 ml"], ["sustainable", "vegan", "season:spring"], ["bamboo", "jojoba"], "A fine physical scrub for a spring reset."),
  ],
  "Skin care > Serums": [
    seed("Niacinamide 10% Serum", "Demo Botanics", 2800, ["30 ml", "60 ml"], ["vegan", "fragrance-free", "clean-ingredients"], ["niacinamide", "zinc"], "Balances oil and refines the look of pores."),
    seed("Vitamin C Brightening Serum", "Fernwood Labs", 4800, ["30 ml"], ["clean-ingredients"], ["vitamin-c", "ferulic-acid"], "A stable vitamin C serum for a brighter tone."),
    seed("Hyaluronic Hydration Serum", "Nordic Dew", 3600, ["30 ml", "60 ml"], ["vegan", "fragrance-free", "refillable"], ["hyaluronic-acid", "panthenol"], "Multi-weight hyaluronic acid for plump skin."),
    seed("Retinal Night Serum", "Fernwood Labs", 6400, ["30 ml"], ["fragrance-free"], ["retinal", "squalane"], "A gentle retinal for smoother texture overnight."),
    seed("Peptide Firming Serum", "Nordic Dew", 7200, ["30 ml"], ["clean-ingredients"], ["peptides", "hyaluronic-acid"], "Peptides for firmer-looking skin."),
    seed("Azelaic Calm Serum", "Demo Botanics", 3400, ["30 ml"], ["fragrance-free", "vegan"], ["azelaic-acid", "centella"], "Soothes redness and evens tone."),
    seed("Bakuchiol Glow Oil", "Sol & Salt", 4400, ["30 ml"], ["vegan", "sustainable", "clean-ingredients"], ["bakuchiol", "rosehip-oil"], "A plant retinol alternative in a light oil."),
  ],
  "Skin care > Moisturisers": [
    seed("Daily Barrier Cream", "Demo Botanics", 3200, ["50 ml", "100 ml", "100 ml refill"], ["fragrance-free", "refillable", "sustainable"], ["ceramides", "niacinamide"], "An everyday moisturiser that repairs the barrier."),
    seed("Water Gel Moisturiser", "Nordic Dew", 3000, ["50 ml"], ["vegan", "season:summer"], ["hyaluronic-acid", "cucumber"], "A weightless gel for hot, humid days."),
    seed("Rich Repair Cream", "Fernwood Labs", 4600, ["50 ml"], ["season:winter", "fragrance-free"], ["shea-butter", "squalane"], "A cocooning cream for cold, dry weather."),
    seed("Oat Relief Lotion", "Fernwood Labs", 2600, ["200 ml"], ["fragrance-free", "vegan", "clean-ingredients"], ["oat", "panthenol"], "Face and body lotion for reactive skin."),
    seed("Peptide Night Cream", "Nordic Dew", 5800, ["50 ml"], ["clean-ingredients"], ["peptides", "ceramides"], "An overnight cream for a rested look."),
    seed("Tinted Moisturiser", "Sol & Salt", 3800, ["40 ml"], ["vegan", "season:summer"], ["zinc-oxide", "squalane"], "Sheer tint with light coverage."),
  ],
  "Skin care > Sunscreen": [
    seed("Mineral Sunscreen SPF 30", "Sol & Salt", 2800, ["50 ml", "100 ml"], ["vegan", "fragrance-free", "season:summer", "clean-ingredients"], ["zinc-oxide"], "Reef-conscious mineral protection without a white cast."),
    seed("Daily Fluid SPF 50", "Sol & Salt", 3400, ["50 ml"], ["season:summer", "season:spring"], ["zinc-oxide", "niacinamide"], "A fluid sunscreen that sits well under make-up."),
    seed("Sport Sunscreen Stick", "Sol & Salt", 2200, ["15 g"], ["season:summer", "durable"], ["zinc-oxide", "beeswax"], "Sweat-resistant stick for runs and beach days."),
    seed("Kids Mineral Lotion SPF 50", "Demo Botanics", 2600, ["100 ml", "200 ml"], ["fragrance-free", "season:summer"], ["zinc-oxide", "oat"], "Gentle protection for small faces."),
    seed("SPF 30 Lip Balm", "Demo Botanics", 900, ["4 g"], ["vegan", "season:summer"], ["zinc-oxide", "shea-butter"], "Lip protection for long days outside."),
  ],
  "Skin care > Toners": [
    seed("Rose Water Toner", "Demo Botanics", 2000, ["200 ml", "400 ml refill"], ["vegan", "refillable"], ["rose-water", "glycerin"], "A soft hydrating toner."),
    seed("PHA Exfoliating Toner", "Fernwood Labs", 2800, ["150 ml"], ["fragrance-free"], ["gluconolactone", "centella"], "A gentle daily acid toner."),
    seed("Witch Hazel Balancing Toner", "Nordic Dew", 1800, ["200 ml"], ["clean-ingredients", "sustainable"], ["witch-hazel", "green-tea"], "Alcohol-free witch hazel for oily skin."),
    seed("Essence Mist", "Sol & Salt", 2400, ["100 ml"], ["vegan", "season:summer"], ["aloe", "hyaluronic-acid"], "A cooling mist to refresh in the heat."),
  ],
};
