// Tests sign deliveries exactly as the demo does.
export { signedWebhook } from "~/demo/signedWebhook";
