/** Species a veterinary practice may treat; a feline-only hospital allows just `Cat`. */
export const SPECIES = ['Cat', 'Dog', 'Rabbit', 'Bird', 'Reptile', 'Rodent', 'Horse', 'Other'] as const;
export type Species = (typeof SPECIES)[number];

export const PRACTICE_KINDS = ['medical', 'veterinary'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];
