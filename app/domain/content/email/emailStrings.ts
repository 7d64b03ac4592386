import type { Language } from "../templates/localeResolution";

/**
 * The words the email itself adds around the copy (fact labels, the footer), per copy language.
 * Neutral wording, so neither the formal nor the casual voice is contradicted (German avoids both
 * "Sie" and "du").
 */
export type EmailStrings = {
  pointsNeeded: string;
  balance: string;
  reward: string;
  expiringPoints: string;
  /** "250 on June 30, 2026". */
  pointsOn(points: string, date: string): string;
  usualRepurchase: string;
  runOut: string;
  leadAttribute: string;
  points(n: number, text: string): string;
  sentTo(email: string, shopName: string): string;
  unsubscribe: string;
  productImage(title: string): string;
};

const en: EmailStrings = {
  pointsNeeded: "Points to your next reward",
  balance: "Points balance",
  reward: "Next reward",
  expiringPoints: "Points expiring",
  pointsOn: (points, date) => `${points} on ${date}`,
  usualRepurchase: "Usual reorder date",
  runOut: "Expected to run out",
  leadAttribute: "Highlight",
  points: (n, text) => `${text} ${n === 1 ? "point" : "points"}`,
  sentTo: (email, shopName) => `This email was sent to ${email} by ${shopName}.`,
  unsubscribe: "Unsubscribe from these emails",
  productImage: (title) => title,
};

const de: EmailStrings = {
  pointsNeeded: "Punkte bis zur nächsten Prämie",
  balance: "Punktestand",
  reward: "Nächste Prämie",
  expiringPoints: "Verfallende Punkte",
  pointsOn: (points, date) => `${points} am ${date}`,
  usualRepurchase: "Übliches Nachkaufdatum",
  runOut: "Voraussichtlich aufgebraucht",
  leadAttribute: "Im Mittelpunkt",
  points: (n, text) => `${text} ${n === 1 ? "Punkt" : "Punkte"}`,
  sentTo: (email, shopName) => `Diese E-Mail wurde von ${shopName} an ${email} gesendet.`,
  unsubscribe: "Von diesen E-Mails abmelden",
  productImage: (title) => title,
};

export const EMAIL_STRINGS: Record<Language, EmailStrings> = { en, de };
