import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/services/receiveWebhook.server";

// Email marketing consent, ordered by consent_updated_at: what decides who may be emailed.
const TOPICS = new Set(["customers_email_marketing_consent/update"]);

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
