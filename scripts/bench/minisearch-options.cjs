'use strict';
// A light Arabic processTerm: lowercase, no diacritics or tatweel, alef forms folded.
const processTerm = (t) =>
  t.toLowerCase().replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[آأإ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
exports.options = { fields: ['title', 'content'], storeFields: ['title', 'url'], processTerm, searchOptions: { boost: { title: 3 } } };
