import type { Language } from "../localeResolution";
import type { Phrasebook } from "../phrasebook";
import { de } from "./de";
import { en } from "./en";

/** One phrasebook per supported language; adding a language is a file here and a line below. */
export const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { en, de };
