import type { ReactNode } from "react";
import { Banner, Box, InlineStack, Link, Text } from "@shopify/polaris";
import { NAVIGATION } from "./navigation";

/** The chrome around pages in local demo mode, standing in for the Shopify admin's own. */
export function DemoFrame({ shop, children }: { shop: string; children: ReactNode }) {
  return (
    <Box paddingBlockEnd="800">
      <Box padding="400" background="bg-surface-secondary" borderBlockEndWidth="025" borderColor="border">
        <InlineStack gap="400" blockAlign="center">
          <Text as="span" variant="headingMd">
            Autonomous marketing
          </Text>
          <nav aria-label="App navigation">
            <InlineStack gap="300">
              {NAVIGATION.map((item) => (
                <Link key={item.url} url={item.url} removeUnderline>
                  {item.label}
                </Link>
              ))}
            </InlineStack>
          </nav>
        </InlineStack>
      </Box>
      <Box paddingInline="400" paddingBlockStart="400">
        <Banner tone="info" title="Local demo mode">
          Signed in as {shop} without Shopify. Demo mode runs on this computer only and is refused in production.
        </Banner>
      </Box>
      {children}
    </Box>
  );
}
