import type { MessageTree } from '../i18n/catalog.ts';
import type { LanguageCode } from '../i18n/languages.ts';
import ar from '../i18n/locales/distributor/ar.json' with { type: 'json' };
import de from '../i18n/locales/distributor/de.json' with { type: 'json' };
import en from '../i18n/locales/distributor/en.json' with { type: 'json' };
import es from '../i18n/locales/distributor/es.json' with { type: 'json' };
import fr from '../i18n/locales/distributor/fr.json' with { type: 'json' };
import it from '../i18n/locales/distributor/it.json' with { type: 'json' };
import nl from '../i18n/locales/distributor/nl.json' with { type: 'json' };
import pl from '../i18n/locales/distributor/pl.json' with { type: 'json' };
import sv from '../i18n/locales/distributor/sv.json' with { type: 'json' };

/** The i18next namespace of the distributor's upload pages: their own files, so other areas never edit them. */
export const DISTRIBUTOR_NAMESPACE = 'distributor';

export const distributorCatalog: Record<LanguageCode, MessageTree> = { en, de, fr, es, it, nl, sv, pl, ar };
