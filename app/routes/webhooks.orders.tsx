import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/services/receiveWebhook.server";

// Orders: every topic carries the whole order; the worker applies them by updated_at.
const TOPICS = new Set(["orders/create", "orders/updated", "orders/paid", "orders/cancelled"]);

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
