import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/services/receiveWebhook.server";

// Customer identity; consent arrives separately at /webhooks/consent.
const TOPICS = new Set(["customers/create", "customers/update", "customers/delete"]);

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
