import type { BackfillResource } from "./backfillPlan";

/**
 * The bulk queries (Admin GraphQL 2026-07), one top-level connection each, as
 * bulkOperationRunQuery requires. Each selects what the REST webhook payload of the same resource
 * carries, so the backfill can hand its objects to the webhook projections (convert*.ts).
 *
 * - Nested connections (line items, variants, collections) come back as their own JSONL lines with
 *   `__parentId`; the operation is run with `groupObjects: true` so each parent's children follow
 *   it directly, which lets the importer assemble one object at a time in constant memory.
 * - Lists that are not connections (a line item's discountAllocations) stay inline.
 * - Customer email and phone are read through defaultEmailAddress / defaultPhoneNumber, which
 *   replaced the deprecated Customer.email / Customer.phone.
 * - Order.customerJourneySummary.moments is a connection and is not needed: first and last visit
 *   carry the landing page, referrer and UTM parameters.
 */

const CUSTOMER_FIELDS = `
        id
        firstName
        lastName
        state
        tags
        locale
        createdAt
        updatedAt
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
        defaultAddress { countryCodeV2 provinceCode city zip }`;

const VISIT_FIELDS = `landingPage referrerUrl source utmParameters { source medium campaign content term }`;

export const ORDERS_BULK_QUERY = `{
  orders {
    edges {
      node {
        id
        name
        email
        createdAt
        updatedAt
        processedAt
        cancelledAt
        displayFinancialStatus
        currencyCode
        totalPriceSet { shopMoney { amount } }
        subtotalPriceSet { shopMoney { amount } }
        totalDiscountsSet { shopMoney { amount } }
        discountCodes
        sourceName
        customerLocale
        test
        customer {${CUSTOMER_FIELDS}
        }
        customerJourneySummary {
          firstVisit { ${VISIT_FIELDS} }
          lastVisit { ${VISIT_FIELDS} }
        }
        lineItems {
          edges {
            node {
              id
              title
              variantTitle
              sku
              quantity
              originalUnitPriceSet { shopMoney { amount } }
              totalDiscountSet { shopMoney { amount } }
              product { id }
              variant { id }
              discountAllocations {
                allocatedAmountSet { shopMoney { amount } }
                discountApplication {
                  __typename
                  ... on DiscountCodeApplication { code }
                  value {
                    __typename
                    ... on MoneyV2 { amount }
                    ... on PricingPercentageValue { percentage }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

export const CUSTOMERS_BULK_QUERY = `{
  customers {
    edges {
      node {${CUSTOMER_FIELDS}
        emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
      }
    }
  }
}`;

export const PRODUCTS_BULK_QUERY = `{
  products {
    edges {
      node {
        id
        title
        handle
        descriptionHtml
        productType
        vendor
        status
        tags
        createdAt
        updatedAt
        publishedAt
        featuredMedia { preview { image { url } } }
        category { id name fullName }
        collections {
          edges { node { id handle } }
        }
        variants {
          edges {
            node { id title sku price compareAtPrice inventoryQuantity inventoryPolicy }
          }
        }
      }
    }
  }
}`;

export const BULK_QUERIES: Record<BackfillResource, string> = {
  products: PRODUCTS_BULK_QUERY,
  customers: CUSTOMERS_BULK_QUERY,
  orders: ORDERS_BULK_QUERY,
};
