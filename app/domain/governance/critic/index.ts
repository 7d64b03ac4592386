/** The critic: fact and safety checks on a draft, the verdict, what to do next, and the compliance KPI. */
export { CRITIC_RULES, type CriticInput, type CriticRule, type CustomerText } from "./criticInput";
export { critique, verdictOf, type CriticOutcome, type CriticVerdict } from "./verdict";
export { nextStep, rewriteFeedback, type DraftAttempt, type NextStep } from "./nextStep";
export { complianceRate, complianceRates, type ComplianceRate } from "./complianceRate";
export { instructionSignals, looksLikeInstructions, type InstructionSignal } from "./instructions";
export { checkFacts } from "./factChecks";
export { checkSafety } from "./safetyChecks";
export { scanCopy } from "./copyScan";
