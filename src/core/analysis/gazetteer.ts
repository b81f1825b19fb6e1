// Placeholder until the curated lists land.
export const PLACE_NAMES = '';
export const PERSON_NAMES = '';
export const ORGANIZATION_NAMES = '';
export const GAZETTEER_SIZE = 0;
