/** The deterministic template copywriter: the default, offline content engine. */
export { writeFromTemplate, type TemplateInput, type TemplateResult } from "./writeFromTemplate";
export { BrandVoice, DEFAULT_BRAND_VOICE, FORMALITIES, TONES, type BrandVoiceInput, type Tone } from "./brandVoice";
export { chooseVariant } from "./chooseVariant";
export { listTemplates, TEMPLATE_VERSION, templateId } from "./registry";
export { VARIANTS, TemplateError, type Variant } from "./templateSet";
export { SUPPORTED_LANGUAGES, type Language } from "./localeResolution";
export type { CatalogEntry } from "./facts";
