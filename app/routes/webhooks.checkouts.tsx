import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/services/receiveWebhook.server";

// Checkouts (keyed by token): link carts to customers and mark abandonment.
const TOPICS = new Set(["checkouts/create", "checkouts/update"]);

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
