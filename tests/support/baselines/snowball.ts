/**
 * The Snowball Arabic stemmer (the generated copy in @orama/stemmers) as a reference baseline.
 * The stemmer works on one word and does its own normalization (diacritics, tatweel, Arabic-Indic
 * digits, presentation forms), so only tokenization and lower-casing are added here, with the
 * same UAX #29 tokenizer as the Light-10 baseline so that the two differ only in analysis.
 */
import { stemmer } from '@orama/stemmers/arabic';
import { tokenizeStandard } from './tokenize';

/** Tokenizes a text and returns the Snowball Arabic stem of every token. */
export function analyzeSnowball(text: string): string[] {
  return tokenizeStandard(text)
    .map((token) => stemmer(token.toLowerCase()))
    .filter((term) => term.length > 0);
}

/** True when some Snowball term of the document equals some Snowball term of the query. */
export function snowballMatches(query: string, document: string): boolean {
  const queryTerms = new Set(analyzeSnowball(query));
  return analyzeSnowball(document).some((term) => queryTerms.has(term));
}
