import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/services/receiveWebhook.server";

// The catalog: products, variants, prices, inventory and their category.
const TOPICS = new Set(["products/create", "products/update", "products/delete"]);

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
