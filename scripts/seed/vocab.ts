/**
 * Word lists for generated demo practices: South African places, medical
 * aid schemes, common breeds, conditions and allergies. Weighted lists are
 * [value, weight] pairs; see `weighted` in random.ts.
 */
export type Weighted<T> = readonly (readonly [T, number])[];

/** City, province, and a plausible postal-code prefix. */
export const PLACES = [
  ['Johannesburg', 'Gauteng', '2'],
  ['Pretoria', 'Gauteng', '0'],
  ['Sandton', 'Gauteng', '2'],
  ['Randburg', 'Gauteng', '2'],
  ['Centurion', 'Gauteng', '0'],
  ['Roodepoort', 'Gauteng', '1'],
  ['Soweto', 'Gauteng', '1'],
  ['Benoni', 'Gauteng', '1'],
  ['Cape Town', 'Western Cape', '8'],
  ['Stellenbosch', 'Western Cape', '7'],
  ['Somerset West', 'Western Cape', '7'],
  ['George', 'Western Cape', '6'],
  ['Durban', 'KwaZulu-Natal', '4'],
  ['Pietermaritzburg', 'KwaZulu-Natal', '3'],
  ['Umhlanga', 'KwaZulu-Natal', '4'],
  ['Gqeberha', 'Eastern Cape', '6'],
  ['East London', 'Eastern Cape', '5'],
  ['Bloemfontein', 'Free State', '9'],
  ['Polokwane', 'Limpopo', '0'],
  ['Mbombela', 'Mpumalanga', '1'],
  ['Rustenburg', 'North West', '0'],
  ['Kimberley', 'Northern Cape', '8'],
] as const;

export const STREET_KINDS = ['Street', 'Road', 'Avenue', 'Drive', 'Crescent', 'Lane', 'Close', 'Way'] as const;
export const SUBURB_WORDS = ['Park', 'View', 'Ridge', 'Heights', 'Glen', 'Hill', 'Estate', 'Gardens'] as const;

export const MOBILE_PREFIXES = ['060', '061', '062', '063', '064', '065', '066', '071', '072', '073', '074', '076', '078', '079', '081', '082', '083', '084'] as const;
export const LANDLINE_PREFIXES = ['011', '012', '021', '031', '041', '051'] as const;

export const MEDICAL_AID_SCHEMES: Weighted<readonly [string, readonly string[]]> = [
  [['Discovery Health Medical Scheme', ['Classic Saver', 'Essential Smart', 'Executive', 'KeyCare Plus', 'Coastal Core']], 40],
  [['Bonitas Medical Fund', ['BonComprehensive', 'BonClassic', 'BonEssential', 'Primary']], 15],
  [['Momentum Medical Scheme', ['Ingwe', 'Custom', 'Incentive', 'Summit']], 10],
  [['GEMS', ['Sapphire', 'Beryl', 'Ruby', 'Emerald', 'Onyx']], 12],
  [['Medshield', ['MediCore', 'MediPlus', 'MediSaver']], 6],
  [['Bestmed', ['Beat1', 'Beat2', 'Pace1']], 6],
  [['Fedhealth', ['flexiFED 1', 'maxima Plus']], 5],
  [['Polmed', ['Marine', 'Aquarium']], 3],
  [['Profmed', ['ProPinnacle', 'ProSecure']], 3],
];

export const PET_INSURERS = ['Dotsure', 'OnePlan', 'Medipet', 'Petsure', 'Oneplan Pet Insurance', 'PPS Pet Cover'] as const;

export const DOG_BREEDS: Weighted<string> = [
  ['Mixed breed', 22], ['Jack Russell Terrier', 9], ['Labrador Retriever', 8], ['Boerboel', 5],
  ['German Shepherd', 5], ['Staffordshire Bull Terrier', 5], ['Yorkshire Terrier', 4], ['Maltese', 4],
  ['Dachshund', 4], ['Golden Retriever', 4], ['Rhodesian Ridgeback', 3], ['Border Collie', 3],
  ['Pug', 2], ['French Bulldog', 3], ['Chihuahua', 3], ['Pit Bull Terrier', 3], ['Beagle', 2],
  ['Rottweiler', 3], ['Siberian Husky', 2], ['Scottish Terrier', 1], ['Schnauzer', 2],
  ['Shih Tzu', 2], ['Great Dane', 1], ['Bull Terrier', 2], ['Africanis', 2],
];

export const CAT_BREEDS: Weighted<string> = [
  ['Domestic Shorthair', 55], ['Domestic Longhair', 12], ['Siamese', 6], ['Persian', 5], ['Maine Coon', 4],
  ['British Shorthair', 4], ['Ragdoll', 4], ['Bengal', 3], ['Burmese', 2], ['Sphynx', 1], ['Russian Blue', 2],
  ['Abyssinian', 1], ['Scottish Fold', 1],
];

export const DOG_COLOURS = ['Black', 'Brown', 'Tan', 'Black and tan', 'Brindle', 'Fawn', 'White', 'Cream', 'Red', 'Golden', 'Black and white', 'Tricolour', 'Liver', 'Grey', 'Sable'] as const;
export const CAT_COLOURS = ['Black', 'White', 'Ginger', 'Tabby', 'Grey tabby', 'Tortoiseshell', 'Calico', 'Black and white', 'Grey', 'Cream', 'Seal point', 'Blue point', 'Brown tabby'] as const;
export const MARKINGS = ['White blaze on chest', 'White socks on front paws', 'Notched left ear', 'Tip of tail white', 'Scar over right eye', 'Dark mask', 'Ear tipped (sterilised feral)', 'Small black spot on nose'] as const;

export const PET_NAMES = [
  'Bella', 'Max', 'Luna', 'Charlie', 'Milo', 'Coco', 'Daisy', 'Rocky', 'Simba', 'Nala', 'Oscar', 'Lola', 'Bruno', 'Zeus',
  'Tiger', 'Shadow', 'Ginger', 'Smokey', 'Lucky', 'Rex', 'Buddy', 'Jack', 'Molly', 'Chloe', 'Misty', 'Socks', 'Pepper',
  'Bailey', 'Cooper', 'Rosie', 'Teddy', 'Leo', 'Cleo', 'Muffin', 'Snowy', 'Tigger', 'Bonnie', 'Duke', 'Bear', 'Jessie',
  'Sasha', 'Kiki', 'Biscuit', 'Honey', 'Marley', 'Ollie', 'Pumpkin', 'Toffee', 'Sheba', 'Princess', 'Benji', 'Kaiser',
  'Tess', 'Nemo', 'Whiskers', 'Felix', 'Mittens', 'Jasper', 'Ruby', 'Zara', 'Storm', 'Blitz', 'Sparky', 'Fudge', 'Pixie',
  'Mango', 'Rolo', 'Oreo', 'Bobby', 'Shaka', 'Khaya', 'Tsotsi', 'Vaatjie', 'Koos', 'Sannie', 'Boytjie', 'Lulu', 'Gizmo',
] as const;

export const PET_ALERTS = [
  'Bites when restrained - muzzle before handling',
  'Very anxious at the clinic; pre-visit sedation prescribed',
  'Reacted to a vaccine in the past - monitor 30 min after vaccination',
  'Aggressive with other animals in the waiting room',
  'Heart murmur - caution with anaesthesia',
  'Diabetic - on insulin twice daily',
] as const;

export const BEHAVIOURAL_NOTES = [
  'Friendly, likes treats',
  'Nervous with men; calms with owner present',
  'Use cat-friendly handling and a towel',
  'Pulls on the lead; two staff for restraint',
  'Hides in carrier; remove the top of the carrier',
  'Food-motivated, easy to examine',
] as const;

export const PET_ALLERGENS: Weighted<readonly [string, string]> = [
  [['Penicillin', 'Facial swelling and hives'], 3],
  [['Chicken protein', 'Itchy skin and ear infections'], 4],
  [['Flea saliva', 'Flea allergy dermatitis'], 6],
  [['Grass pollen', 'Seasonal pruritus'], 3],
  [['Beef protein', 'Vomiting and diarrhoea'], 2],
  [['Meloxicam', 'Gastrointestinal upset'], 1],
];

export const PET_CONDITIONS: Weighted<string> = [
  ['Osteoarthritis', 6], ['Atopic dermatitis', 5], ['Chronic kidney disease', 4], ['Hyperthyroidism', 3],
  ['Diabetes mellitus', 2], ['Dental disease', 8], ['Otitis externa', 5], ['Obesity', 6], ['Hip dysplasia', 3],
  ['Biliary (tick bite fever)', 3], ['Parvovirus (recovered)', 2], ['Cruciate ligament rupture', 2], ['Heart murmur', 2],
  ['Feline lower urinary tract disease', 3], ['Epilepsy', 1],
];

export const HUMAN_ALLERGENS: Weighted<readonly [string, string]> = [
  [['Penicillin', 'Rash and hives'], 8],
  [['Sulphonamides', 'Rash'], 3],
  [['Aspirin', 'Wheezing'], 2],
  [['Ibuprofen', 'Swelling of lips'], 2],
  [['Codeine', 'Nausea and vomiting'], 2],
  [['Peanuts', 'Anaphylaxis'], 3],
  [['Shellfish', 'Hives and swelling'], 2],
  [['Latex', 'Contact dermatitis'], 2],
  [['Bee stings', 'Anaphylaxis'], 2],
  [['House dust mite', 'Allergic rhinitis'], 4],
  [['Grass pollen', 'Hay fever'], 4],
  [['Eggs', 'Hives'], 1],
];

export const HUMAN_CONDITIONS: Weighted<readonly [string, 'active' | 'chronic' | 'resolved']> = [
  [['Hypertension', 'chronic'], 14], [['Type 2 diabetes mellitus', 'chronic'], 8], [['Asthma', 'chronic'], 7],
  [['Hypercholesterolaemia', 'chronic'], 7], [['Hypothyroidism', 'chronic'], 4], [['Major depressive disorder', 'active'], 4],
  [['Osteoarthritis', 'chronic'], 5], [['Gastro-oesophageal reflux disease', 'active'], 4], [['Migraine', 'active'], 4],
  [['Eczema', 'active'], 3], [['Tuberculosis (treated)', 'resolved'], 2], [['Appendicectomy', 'resolved'], 2],
  [['Fractured radius', 'resolved'], 2], [['Gout', 'chronic'], 2], [['Anxiety disorder', 'active'], 3],
  [['Chronic kidney disease stage 2', 'chronic'], 1], [['Allergic rhinitis', 'active'], 4],
];

export const FAMILY_CONDITIONS = ['Hypertension', 'Type 2 diabetes mellitus', 'Breast cancer', 'Colon cancer', 'Ischaemic heart disease', 'Stroke', 'Asthma', 'Glaucoma', "Alzheimer's disease", 'Prostate cancer'] as const;
export const FAMILY_RELATIONS = ['Mother', 'Father', 'Sister', 'Brother', 'Maternal grandmother', 'Paternal grandfather'] as const;

export const PATIENT_ALERTS = ['Hard of hearing - speak clearly', 'Needle phobia', 'Uses a wheelchair', 'Pacemaker fitted', 'On warfarin - check INR', 'Prefers a female doctor'] as const;
export const ACCOUNT_ALERTS = ['Outstanding balance - refer to accounts before booking', 'Account on payment plan', 'Cheques not accepted'] as const;
