import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/services/receiveWebhook.server";

// Carts: no customer on the payload; linked later through checkouts, orders and the pixel.
const TOPICS = new Set(["carts/create", "carts/update"]);

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
