/**
 * Deterministic generators on top of one seeded faker: weighted choices,
 * South African phone and ID numbers, microchips, dates relative to a fixed
 * "today". Every value depends only on the seed and the call order.
 */
import { Faker, af_ZA, base, en, en_ZA, zu_ZA } from '@faker-js/faker';
import { LANDLINE_PREFIXES, MOBILE_PREFIXES, PLACES, STREET_KINDS, SUBURB_WORDS, type Weighted } from './vocab';

const DAY_MS = 86_400_000;

export class Gen {
  readonly faker: Faker;
  /** Name pools: English-, isiZulu- and Afrikaans-speaking South Africa. */
  private readonly nameFakers: readonly Faker[];
  private readonly usedChips = new Set<string>();
  private readonly usedIds = new Set<string>();

  constructor(seed: number, readonly today: Date) {
    this.faker = new Faker({ locale: [en_ZA, en, base] });
    this.faker.seed(seed);
    this.nameFakers = [en_ZA, zu_ZA, af_ZA].map((locale, i) => {
      const f = new Faker({ locale: [locale, en, base] });
      f.seed(seed * 7 + i + 1);
      return f;
    });
  }

  chance(p: number): boolean {
    return this.faker.number.float() < p;
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return items[this.faker.number.int(items.length - 1)]!;
  }

  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let at = this.faker.number.float() * total;
    for (const [value, weight] of items) {
      at -= weight;
      if (at < 0) return value;
    }
    return items[items.length - 1]![0];
  }

  /** A name pool for one family, so a household's names go together. */
  namePool(): Faker {
    return this.weighted<Faker>([
      [this.nameFakers[0]!, 45],
      [this.nameFakers[1]!, 35],
      [this.nameFakers[2]!, 20],
    ]);
  }

  firstName(pool: Faker, sex: 'female' | 'male'): string {
    return pool.person.firstName(sex);
  }

  lastName(pool: Faker): string {
    return pool.person.lastName();
  }

  digits(n: number): string {
    return this.faker.string.numeric({ length: n, allowLeadingZeros: true });
  }

  mobile(): string {
    return `${this.pick(MOBILE_PREFIXES)} ${this.digits(3)} ${this.digits(4)}`;
  }

  landline(): string {
    return `${this.pick(LANDLINE_PREFIXES)} ${this.digits(3)} ${this.digits(4)}`;
  }

  address(): { addressLine1: string; addressLine2: string | null; city: string; region: string; postalCode: string } {
    const [city, region, zip] = this.pick(PLACES);
    const street = `${this.int(1, 250)} ${this.faker.person.lastName()} ${this.pick(STREET_KINDS)}`;
    const unit = this.chance(0.25) ? `Unit ${this.int(1, 120)}, ${this.faker.person.lastName()} ${this.pick(SUBURB_WORDS)}` : null;
    return { addressLine1: street, addressLine2: unit, city, region, postalCode: `${zip}${this.digits(3)}` };
  }

  email(first: string, last: string): string {
    const local = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    const domain = this.pick(['gmail.com', 'outlook.com', 'icloud.com', 'yahoo.com', 'mweb.co.za', 'webmail.co.za', 'telkomsa.net']);
    return `${local}${this.chance(0.4) ? this.int(1, 99) : ''}@${domain}`;
  }

  /** A date `minYears`..`maxYears` before today, as YYYY-MM-DD. */
  birthDate(minYears: number, maxYears: number): string {
    const end = this.today.getTime() - minYears * 365.25 * DAY_MS;
    const start = this.today.getTime() - maxYears * 365.25 * DAY_MS;
    return new Date(this.int(Math.floor(start / DAY_MS), Math.floor(end / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
  }

  /** A date between `from` (YYYY-MM-DD, or N years ago) and today. */
  dateSince(from: string | number): string {
    const start = typeof from === 'string' ? Date.parse(from) : this.today.getTime() - from * 365.25 * DAY_MS;
    return new Date(this.int(Math.floor(start / DAY_MS), Math.floor(this.today.getTime() / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
  }

  /** A date after `date` (YYYY-MM-DD) and within the last `years` years. */
  recentDateAfter(date: string, years: number): string {
    const yearsAgo = new Date(this.today.getTime() - years * 365.25 * DAY_MS).toISOString().slice(0, 10);
    return this.dateSince(date > yearsAgo ? date : yearsAgo);
  }

  /** A South African ID number: YYMMDD SSSS C A Z, sex in SSSS, Luhn check digit. Unique. */
  saIdNumber(dateOfBirth: string, sex: 'female' | 'male'): string {
    const yymmdd = dateOfBirth.slice(2, 4) + dateOfBirth.slice(5, 7) + dateOfBirth.slice(8, 10);
    for (;;) {
      const sequence = sex === 'female' ? this.int(0, 4999) : this.int(5000, 9999);
      const body = `${yymmdd}${String(sequence).padStart(4, '0')}${this.chance(0.95) ? 0 : 1}8`;
      const id = body + luhnCheckDigit(body);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** An ISO 11784 FDX-B number: 15 digits, country (710 = ZA) or manufacturer code first. Unique. */
  microchip(): string {
    for (;;) {
      const chip = this.pick(['985', '900', '941', '977', '710', '710']) + this.digits(12);
      if (!this.usedChips.has(chip)) {
        this.usedChips.add(chip);
        return chip;
      }
    }
  }
}

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isValidSaId(id: string): boolean {
  return /^\d{13}$/.test(id) && luhnCheckDigit(id.slice(0, 12)) === id[12];
}
