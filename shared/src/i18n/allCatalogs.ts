/** Registers every language (the server writes emails and invoices in each recipient's language). */
import { de } from './de.js';
import { fr } from './fr.js';
import { registerCatalog } from './translate.js';

registerCatalog('fr', fr);
registerCatalog('de', de);
