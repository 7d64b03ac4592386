import { normalizeText } from "./textScan";

/**
 * Does a piece of text read like instructions to a language model? Used two ways:
 *  - on customer-provided text (names, cart notes, line-item properties) before a prompt is built,
 *    so the LLM engine can quote it as data, and by the critic to attribute a bad draft to it;
 *  - on the copy itself: marketing copy has no reason to say "system prompt" or "ignore previous
 *    instructions", so copy that does has repeated an injected text.
 *
 * A heuristic, not a guarantee: paraphrases in other languages or spelled with spaces between
 * letters get through. It is one layer; the others are that the prompt quotes customer text as
 * data and that the fact checks reject any discount, code or link the brief does not carry,
 * whoever asked for it.
 */

export type InstructionSignal = {
  /** override: tries to replace the model's instructions; role: fakes a role or a prompt marker;
   *  demand: tells the writer what to offer or say (normal in a note, suspicious when obeyed). */
  kind: "override" | "role" | "demand";
  phrase: string;
};

const TARGETS = String.raw`(?:instructions?|rules|prompts?|directions|directives|guidelines|guardrails|constraints|polic(?:y|ies)|programming|context|orders)`;
const QUALIFIERS = String.raw`(?:all|any|every|previous|prior|above|earlier|preceding|original|initial|system|your|the|these|those|my|of)`;

const PATTERNS: ReadonlyArray<{ kind: InstructionSignal["kind"]; pattern: RegExp }> = [
  { kind: "override", pattern: new RegExp(String.raw`\b(?:ignore|disregard|forget|override|bypass|abandon)\b(?:\s+${QUALIFIERS}){1,4}\s+${TARGETS}\b`, "i") },
  // "disregard the above", "ignore everything before"; not "ignore the previous email" (a shopper's request).
  { kind: "override", pattern: /\b(?:ignore|disregard|forget)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|everything\s+)?(?:above|before|else|previous|prior|preceding)\b(?!\s+(?:order|purchase|email|message|note|address))/i },
  { kind: "override", pattern: /\b(?:new|updated|real|actual)\s+(?:instructions|rules|task|prompt)\s*(?::|are|is)/i },
  { kind: "override", pattern: /\b(?:do anything now|jailbreak|developer mode|god mode|dan mode)\b/i },
  { kind: "role", pattern: /\b(?:system|developer|admin)\s+(?:prompt|message|instructions?|override|mode)\b/i },
  { kind: "role", pattern: /\byou\s+are\s+(?:now|no longer)\b|\bfrom now on,?\s+(?:you|act|respond|reply)\b/i },
  { kind: "role", pattern: /\b(?:act|behave|respond)\s+as\s+(?:if\s+you|an?\s+|the\s+)|\bpretend\s+(?:to\s+be|you\s+are|you're)\b|\brole-?play\s+as\b/i },
  { kind: "role", pattern: /(?:^|\n|\.\s)\s*(?:system|assistant|developer)\s*:|<\|?\s*(?:im_start|im_end|endoftext|system)\s*\|?>|\[\/?(?:inst|sys)\]|#{2,}\s*(?:instruction|system)/i },
  { kind: "role", pattern: /\b(?:reveal|print|show|repeat|output|leak|tell me)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+|hidden\s+|original\s+)?(?:prompt|instructions|rules)\b/i },
  { kind: "demand", pattern: /\b(?:give|offer|send|apply|grant|add|include|make it|i want|i need|i demand|i deserve)\b[^.!?\n]{0,40}?(?:\d{1,3}\s?(?:%|percent\b)|\bfree\b|\bdiscount|\bcoupon|\bpromo|\bcode\b|\brefund)/i },
  { kind: "demand", pattern: /\b(?:tell|inform|instruct|remind)\s+(?:the\s+)?(?:customer|shopper|user|recipient|reader|them)\b/i },
  { kind: "demand", pattern: /\b(?:in\s+your\s+(?:reply|response|email|message|answer)|(?:respond|reply|answer)\s+(?:only\s+)?with|write\s+(?:an?\s+)?(?:email|message)\s+(?:that|saying))\b/i },
  { kind: "demand", pattern: /\b(?:include|insert|add|put)\s+(?:this|the\s+following|a|my)\s+(?:link|url|text|message|website)\b/i },
];

/** Digits and symbols that stand in for letters ("1gn0re prev1ous instruct1ons"). */
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

function deLeet(text: string): string {
  return text.replace(/[\p{L}\d@$!]+/gu, (word) => (/\p{L}/u.test(word) && /[\d@$!]/.test(word) ? word.replace(/[013457@$!]/g, (c) => LEET[c] ?? c) : word));
}

export function instructionSignals(text: string): InstructionSignal[] {
  const plain = normalizeText(text);
  const variants = [plain, deLeet(plain)];
  const signals: InstructionSignal[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const variant of variants) {
      const hit = pattern.exec(variant);
      if (hit) {
        signals.push({ kind, phrase: hit[0].trim() });
        break;
      }
    }
  }
  return signals;
}

/** True when the text reads like instructions to a model: quote it as data, never follow it. */
export function looksLikeInstructions(text: string): boolean {
  return instructionSignals(text).length > 0;
}
