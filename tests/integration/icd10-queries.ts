/**
 * Clinician-style queries and the code each means, for the ICD-10 search
 * accuracy test and the benchmark. Kinds: abbreviation, lay term, clinical
 * word, typo, partial word (still being typed), code (with or without the dot),
 * and longer phrases the synonym list does not hold (the title search alone).
 * The 'held-out' group was written after the rest had been tuned: before any
 * change for it, 23 of its 30 were first and 27 in the top 5; three synonyms
 * and one rule (no typo is presumed when every word is spelt right) came from
 * it. Its remaining misses are left in on purpose.
 */
export type QueryKind = 'abbreviation' | 'lay' | 'clinical' | 'typo' | 'partial' | 'code' | 'phrase' | 'held-out';

export interface IntendedCode {
  query: string;
  code: string;
  kind: QueryKind;
}

const group = (kind: QueryKind, pairs: string): IntendedCode[] =>
  pairs
    .trim()
    .split('\n')
    .map((line) => {
      const [query, code] = line.split('→').map((part) => part.trim()) as [string, string];
      return { query, code, kind };
    });

export const INTENDED_CODES: readonly IntendedCode[] = [
  ...group('abbreviation', `
    UTI → N39.0
    afib → I48.91
    AF → I48.91
    HTN → I10
    DM2 → E11.9
    T2DM → E11.9
    COPD → J44.9
    CHF → I50.9
    MI → I21.9
    URTI → J06.9
    GERD → K21.9
    CKD → N18.9
    DVT → I82.409
    OSA → G47.33
    BPH → N40.0
    IBS → K58.9
    ADHD → F90.9
    PTSD → F43.10
    CAD → I25.10
    TIA → G45.9`),
  ...group('lay', `
    strep throat → J02.0
    pink eye → H10.9
    heartburn → R12
    flu → J11.1
    sore throat → J02.9
    back pain → M54.50
    ear infection → H66.90
    heart attack → I21.9
    high blood pressure → I10
    high cholesterol → E78.5
    stomach bug → A09
    kidney stone → N20.0
    hay fever → J30.9
    shingles → B02.9
    chickenpox → B01.9
    cold sore → B00.1
    hives → L50.9
    nosebleed → R04.0
    swimmer's ear → H60.90
    sinus infection → J01.90`),
  ...group('clinical', `
    hypertension → I10
    migraine → G43.909
    asthma → J45.909
    pneumonia → J18.9
    sinusitis → J01.90
    gastroenteritis → A09
    otitis media → H66.90
    otitis externa → H60.90
    cellulitis → L03.90
    depression → F32.A
    anxiety → F41.9
    hypothyroidism → E03.9
    obesity → E66.9
    gout → M10.9
    osteoporosis → M81.0
    constipation → K59.00
    insomnia → G47.00
    conjunctivitis → H10.9
    tonsillitis → J03.90
    bronchitis → J20.9`),
  ...group('typo', `
    hypertensoin → I10
    diabtes → E11.9
    pnuemonia → J18.9
    asthama → J45.909
    migrane → G43.909
    bronchitus → J20.9
    sinusitus → J01.90
    gastroenteritus → A09
    cellulits → L03.90
    osteoporisis → M81.0
    hypothyrodism → E03.9
    conjuctivitis → H10.9`),
  ...group('partial', `
    hypert → I10
    pneum → J18.9
    asth → J45.909
    migr → G43.909
    diab → E11.9
    cellul → L03.90
    gastroent → A09`),
  ...group('code', `
    i10 → I10
    I10 → I10
    H60.90 → H60.90
    h6090 → H60.90
    j45909 → J45.909
    J45.909 → J45.909
    e119 → E11.9
    E11.9 → E11.9
    n390 → N39.0
    J02.0 → J02.0
    r51.9 → R51.9
    m5450 → M54.50`),
  ...group('phrase', `
    type 2 diabetes with neuropathy → E11.40
    acute appendicitis → K35.80
    otitis media right ear → H66.91
    otitis externa left ear → H60.92
    chronic kidney disease stage 3 → N18.30
    essential hypertension → I10
    lower back pain → M54.50
    urinary tract infection → N39.0
    atrial fibrillation → I48.91
    sprained ankle → S93.401A
    plantar fasciitis → M72.2
    vitamin d deficiency → E55.9
    afib with rvr → I48.91
    asthma exacerbation → J45.901
    mild intermittent asthma → J45.20
    hypertensive heart disease with heart failure → I11.0
    copd exacerbation → J44.1
    pneumonia due to streptococcus → J13
    acute cystitis → N30.00
    streptococcal sepsis → A40.9`),
  ...group('held-out', `
    sob → R06.02
    hyperkalemia → E87.5
    a-fib → I48.91
    uti in pregnancy → O23.40
    pyelonephritis → N10
    bells palsy → G51.0
    trigeminal neuralgia → G50.0
    hypertensive urgency → I16.0
    diverticulitis → K57.92
    tendonitis shoulder → M75.80
    rotator cuff tear → M75.100
    costochondritis → M94.0
    gerd with esophagitis → K21.00
    epididymitis → N45.1
    urinary retention → R33.9
    anemia of chronic disease → D63.8
    thrombocytopenia → D69.6
    sickle cell → D57.1
    lupus → M32.9
    pneumothorax → J93.9
    otitis media with effusion → H65.90
    pharingitis → J02.9
    diarhea → R19.7
    bronchospasm → J98.01
    hypomagnesemia → E83.42
    type 1 diabetes with ketoacidosis → E10.10
    e78.5 → E78.5
    Z23 → Z23
    k219 → K21.9
    nausea vomitting → R11.2`),
];
