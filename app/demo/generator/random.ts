/**
 * A seeded pseudo-random source for the demo store. The generator must replay exactly from a seed,
 * so nothing here reads Math.random or the clock.
 *
 * The core is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator): 128 bits of state,
 * 32-bit integer arithmetic only (fast in JavaScript, unlike 64-bit BigInt generators), and it
 * passes PractRand far beyond what a demo needs. Seeds are strings hashed to 128 bits.
 *
 * `fork(label)` derives a child stream from the parent's *seed*, not from its current state: the
 * stream for "customer:42" is the same however many numbers the parent or its siblings have drawn.
 * That is what lets customer 42 come out identical whether 100 or 100,000 customers are generated,
 * and lets customers stream one at a time.
 */
export class Random {
  readonly seedKey: string;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    this.seedKey = String(seed);
    [this.a, this.b, this.c, this.d] = hash128(this.seedKey);
    // Discard the first outputs: they are still correlated with the hash of nearby seeds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream named by `label`, stable whatever this stream has drawn so far. */
  fork(label: string): Random {
    return new Random(`${this.seedKey}/${label}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1): never 0, so logarithms of it are always finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.uniform() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.uniform() * items.length)];
    if (item === undefined) throw new Error("cannot pick from an empty list");
    return item;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += Math.max(0, weight);
    if (!(total > 0)) throw new Error("weighted pick needs at least one positive weight");
    let target = this.uniform() * total;
    for (const [value, weight] of entries) {
      target -= Math.max(0, weight);
      if (target < 0) return value;
    }
    // Floating-point rounding can leave a sliver; the last positive entry owns it.
    const last = [...entries].reverse().find(([, weight]) => weight > 0);
    if (!last) throw new Error("unreachable: total weight was positive");
    return last[0];
  }

  /** Box–Muller; no cached spare value, so each call consumes exactly two draws. */
  normal(mean = 0, sd = 1): number {
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    return mean + sd * r * Math.cos(2 * Math.PI * this.uniform());
  }

  /** exp(N(mu, sigma)): its median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Gamma(shape, scale) by Marsaglia & Tsang (2000); shapes below 1 use the boost u^(1/shape). */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0) || !(scale > 0)) throw new Error(`gamma needs positive shape and scale, got ${shape}, ${scale}`);
    if (shape < 1) return this.gamma(shape + 1, scale) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** A gamma draw described by its mean and coefficient of variation (sd / mean). */
  gammaMeanCv(mean: number, cv: number): number {
    const shape = 1 / (cv * cv);
    return this.gamma(shape, mean / shape);
  }

  beta(alpha: number, beta: number): number {
    const x = this.gamma(alpha);
    return x / (x + this.gamma(beta));
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /** Knuth's method for small means; a rounded normal approximation above 30, where it is close enough. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.uniform();
    while (product > limit) {
      count++;
      product *= this.uniform();
    }
    return count;
  }

  /** Failures before the first success, each trial succeeding with `probability`. */
  geometric(probability: number): number {
    if (probability >= 1) return 0;
    return Math.floor(Math.log(this.uniform()) / Math.log(1 - probability));
  }

  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const held = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = held;
    }
    return copy;
  }

  /** Lower-case hexadecimal digits, as in Shopify's checkout and order tokens. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) {
      const word = this.nextUint32();
      out += `${HEX_BYTES[word >>> 24]}${HEX_BYTES[(word >>> 16) & 255]}${HEX_BYTES[(word >>> 8) & 255]}${HEX_BYTES[word & 255]}`;
    }
    return out.length === length ? out : out.slice(0, length);
  }

  /** Characters drawn from `alphabet`, for ULIDs, click ids and confirmation numbers. */
  chars(length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.uniform() * alphabet.length)];
    return out;
  }

  /** An RFC 4122 version-4 shaped UUID (the form of pixel client ids and event ids). */
  uuid(): string {
    const h = this.hex(32);
    const variant = "89ab"[this.nextUint32() % 4];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** A 128-bit string hash in the cyrb128 style: four multiply–xor lanes, then a cross-lane avalanche. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
