/** The language-model copywriter's pure parts: settings, tiers, cost arithmetic, the prompt, and the ports. */
export { LlmSettings, LlmTier, ModelPrice, DEFAULT_LLM_SETTINGS, DEFAULT_LLM_TIERS, DEFAULT_MODEL_PRICES, type LlmSettingsInput } from "./llmSettings";
export { callCostMicros, addUsage, estimatePromptTokens, worstCaseCostMicros, monthWindow, NO_TOKENS, type TokenUsage } from "./cost";
export { chooseEngine, tierByValue, type EngineChoice, type BudgetState, type TierShopper, type ValueTier } from "./modelTiers";
export { buildCopyPrompt, rewriteMessages, draftFromReply, promptProfile, quoteData, LlmCopy, LLM_COPY_FORMAT, DATA_OPEN, DATA_CLOSE, type CopyPrompt, type PromptData, type ParsedReply } from "./copyPrompt";
export type { ChatModel, ChatMessage, ChatRequest, ChatResult, ChatFailure } from "./chatModel";
export { reviewedCopyOf, type Copywriter, type CopyRequest, type CopyResult, type CopyEngineName, type CheckRound, type FallbackReason } from "./copywriter";
