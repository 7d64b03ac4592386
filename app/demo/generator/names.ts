import type { NamePool } from "./regions";
import type { Random } from "./random";

/**
 * Shopper names by language, including accented Latin, Japanese, Hebrew and Arabic script. A small
 * share carry an emoji (people do type them into checkout forms), and a fixed sprinkling carry a
 * zero-width character (pasted from chat apps): later tests of rendering, sorting and email
 * personalisation need both, so they must occur in every sample of a thousand customers.
 */
const POOLS: Record<NamePool, { first: readonly string[]; last: readonly string[] }> = {
  en: {
    first: ["Emma", "Olivia", "Ava", "Sophia", "Mia", "Amelia", "Harper", "Chloé", "Zoë", "Noah", "Liam", "James", "Lucas", "Ethan", "Grace", "Hannah", "Priya", "Aisha", "Mei", "Siobhán", "José", "Renée", "Nia", "Kai", "Maya", "Leah", "Isabella", "Charlotte", "Daniel", "Owen"],
    last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martínez", "Nguyễn", "Patel", "Kim", "Chen", "O'Brien", "Taylor", "Anderson", "Thomas", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Hall", "Allen", "Wright", "Scott", "Green"],
  },
  fr: {
    first: ["Léa", "Chloé", "Manon", "Camille", "Inès", "Zoé", "Élodie", "Hélène", "Louis", "Gabriel", "Raphaël", "Théo", "Noémie", "Anaïs", "Maëlle", "Jérôme"],
    last: ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Lemaître", "Fournier", "Tremblay", "Gagnon", "Bélanger", "Côté", "Roy", "Gauthier", "Mercier", "Faure"],
  },
  de: {
    first: ["Anna", "Lena", "Leonie", "Sophie", "Jürgen", "Jonas", "Lukas", "Maximilian", "Mia", "Hannah", "Jörg", "Björn", "Käthe", "Lea"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Groß", "Köhler", "Hoffmann", "Schröder", "Krüger"],
  },
  nl: {
    first: ["Sanne", "Fleur", "Lotte", "Anouk", "Daan", "Sem", "Noor", "Julia", "Thijs", "Eva", "Femke", "Bram"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "IJzerman"],
  },
  es: {
    first: ["Lucía", "Sofía", "Martina", "María", "Paula", "Julia", "Alejandro", "Pablo", "Álvaro", "Inés", "Begoña", "Íñigo"],
    last: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Muñoz", "Díaz", "Álvarez"],
  },
  ja: {
    first: ["陽菜", "結衣", "さくら", "美咲", "葵", "蓮", "大翔", "ゆい", "Yui", "Haruto"],
    last: ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "Sato", "Tanaka"],
  },
  he: {
    first: ["נועה", "מאיה", "תמר", "שירה", "יעל", "אביגיל", "דוד", "יונתן", "Noa", "Yael"],
    last: ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא", "Cohen", "Levi"],
  },
  ar: {
    first: ["فاطمة", "مريم", "نور", "ليلى", "سارة", "محمد", "أحمد", "عمر", "Layla", "Omar"],
    last: ["الحسن", "المنصوري", "حداد", "خليل", "سليمان", "إبراهيم", "النجار", "Haddad", "Khalil", "Mansour"],
  },
};

const EMOJI = ["🌿", "✨", "🌸", "💫", "🧴", "🌙", "☀️", "💚"];
const ZERO_WIDTH = ["\u200B", "\u200D", "\u200C", "\uFEFF"];
const EMOJI_SHARE = 0.02;
/** One customer in every 500 (by index) gets a zero-width character: 2 per 1,000, 4 per 2,000. */
const ZERO_WIDTH_EVERY = 500;

export type ShopperName = { firstName: string; lastName: string };

export function shopperName(rng: Random, pool: NamePool, customerIndex: number): ShopperName {
  const names = POOLS[pool];
  let firstName = rng.pick(names.first);
  let lastName = rng.pick(names.last);
  if (rng.chance(EMOJI_SHARE)) {
    if (rng.chance(0.5)) firstName = `${firstName} ${rng.pick(EMOJI)}`;
    else lastName = `${lastName} ${rng.pick(EMOJI)}`;
  }
  if (customerIndex % ZERO_WIDTH_EVERY === 7) {
    const cut = Math.max(1, Math.floor(firstName.length / 2));
    firstName = `${firstName.slice(0, cut)}${rng.pick(ZERO_WIDTH)}${firstName.slice(cut)}`;
  }
  return { firstName, lastName };
}

/** An email local part from a name: accents folded, non-Latin names replaced by a neutral word. */
export function emailLocalPart(rng: Random, name: ShopperName, customerIndex: number): string {
  const fold = (text: string): string =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  const first = fold(name.firstName) || "shopper";
  const last = fold(name.lastName);
  const style = rng.int(0, 2);
  const base = !last ? first : style === 0 ? `${first}.${last}` : style === 1 ? `${first}${last}` : `${first}_${last.slice(0, 1)}`;
  // The index keeps addresses unique across any number of customers.
  return `${base}${customerIndex}`;
}
